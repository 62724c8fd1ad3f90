#pragma once
// Structures of arrays that name and size their own columns.
//
// A struct of agent columns lists every column once, by name and member, in
// a static `columns()`:
//
//   struct Wards {
//     std::vector<double> latent, trust;
//     static constexpr auto columns() {
//       return std::tuple{sim::Column{"latent", &Wards::latent},
//                         sim::Column{"trust", &Wards::trust}};
//     }
//   };
//   static_assert(sim::lists_every_column<Wards>());
//
// The static_assert fails to compile when a member is missing from the list
// (or listed twice), so code that sizes or visits every column
// (resize_columns, a checkpoint) cannot forget one. A column is a
// std::vector, or a std::array of them (one vector per kind, e.g. per staff
// type).
#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <vector>

namespace candour::sim {

// One column of `Owner`: its name and where it lives.
template <class Owner, class Member>
struct Column {
  using member_type = Member;
  std::string_view name;
  Member Owner::*member;
};

namespace detail {

template <class T>
void resize_column(std::vector<T>& column, std::size_t n) {
  column.assign(n, T{});
}

template <class T, std::size_t N>
void resize_column(std::array<T, N>& columns, std::size_t n) {
  for (auto& column : columns)
    resize_column(column, n);
}

}  // namespace detail

// True when `Owner::columns()` lists every member of Owner exactly once: the
// names differ and the listed members' sizes add up to the size of the
// struct. (Every member of such a struct is a column.)
template <class Owner>
constexpr bool lists_every_column() {
  return std::apply(
      [](auto... column) {
        const std::array<std::string_view, sizeof...(column)> names{column.name...};
        for (std::size_t i = 0; i < names.size(); ++i)
          for (std::size_t j = 0; j < i; ++j)
            if (names[i] == names[j])
              return false;
        return (std::size_t{0} + ... + sizeof(typename decltype(column)::member_type)) ==
               sizeof(Owner);
      },
      Owner::columns());
}

// Sets every column of `owner` to `n` default values (zeros).
template <class Owner>
void resize_columns(Owner& owner, std::size_t n) {
  std::apply([&](auto... column) { (detail::resize_column(owner.*(column.member), n), ...); },
             Owner::columns());
}

// Calls visit(name, column) for every column of `owner`, in listed order.
template <class Owner, class Visit>
void for_each_column(Owner& owner, Visit&& visit) {
  std::apply([&](auto... column) { (visit(column.name, owner.*(column.member)), ...); },
             Owner::columns());
}

}  // namespace candour::sim
