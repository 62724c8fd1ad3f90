#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/io/hdf5.hpp"
#include "tests/unit/hdf5/scratch.hpp"

namespace h5 = candour::sim::io::hdf5;
using candour::test::ScratchDir;

TEST_CASE("handles close their HDF5 identifier exactly once", "[hdf5][wrapper]") {
  h5::Dataspace space(H5Screate(H5S_SCALAR));
  const hid_t id = space.id();
  REQUIRE(H5Iis_valid(id) > 0);
  h5::Dataspace moved(std::move(space));
  REQUIRE_FALSE(space);
  REQUIRE(moved.id() == id);
  REQUIRE(H5Iis_valid(id) > 0);
  h5::Dataspace assigned;
  assigned = std::move(moved);
  REQUIRE(H5Iis_valid(id) > 0);
  assigned.reset();
  REQUIRE(H5Iis_valid(id) <= 0);
  assigned.reset();  // a second reset is harmless
}

TEST_CASE("attributes round trip with their types", "[hdf5][wrapper]") {
  ScratchDir dir("attributes");
  {
    auto file = h5::create_file(dir / "a.h5");
    const std::uint64_t big = (std::uint64_t{1} << 63) + 5;
    h5::write_attribute(file, "real", 0.1);
    h5::write_attribute(file, "count", std::int64_t{-42});
    h5::write_attribute(file, "small", 7);  // int: stored as int64
    h5::write_attribute(file, "big", big);
    h5::write_attribute(file, "text", "Francis report \xE2\x80\x93 Mid Staffordshire");
    h5::write_attribute(file, "empty_text", "");
    h5::write_attribute(file, "chain", std::vector<std::string>{"base.toml", "pressure.toml"});
    h5::write_attribute(file, "no_chain", std::vector<std::string>{});
    const std::vector<double> reals{1.5, -2.0, 1e300};
    h5::write_attribute(file, "reals", std::span<const double>(reals));
  }
  auto file = h5::open_file(dir / "a.h5");
  REQUIRE(h5::read_real_attribute(file, "real") == 0.1);
  REQUIRE(h5::read_integer_attribute(file, "count") == -42);
  REQUIRE(h5::read_integer_attribute(file, "small") == 7);
  REQUIRE(h5::read_real_attribute(file, "small") == 7.0);
  REQUIRE(h5::read_string_attribute(file, "text") ==
          "Francis report \xE2\x80\x93 Mid Staffordshire");
  REQUIRE(h5::read_string_attribute(file, "empty_text").empty());
  REQUIRE(h5::read_strings_attribute(file, "chain") ==
          std::vector<std::string>{"base.toml", "pressure.toml"});
  REQUIRE(h5::read_strings_attribute(file, "no_chain").empty());
  REQUIRE(h5::read_reals_attribute(file, "reals") == std::vector<double>{1.5, -2.0, 1e300});
  REQUIRE(h5::has_attribute(file, "big"));
  REQUIRE_FALSE(h5::has_attribute(file, "absent"));
  REQUIRE(h5::attribute_names(file) == std::vector<std::string>{"big", "chain", "count",
                                                                "empty_text", "no_chain", "real",
                                                                "reals", "small", "text"});
  // Reading with the wrong kind is an error, not a silent conversion.
  REQUIRE_THROWS_AS(h5::read_integer_attribute(file, "text"), h5::Error);
  REQUIRE_THROWS_AS(h5::read_string_attribute(file, "count"), h5::Error);
  REQUIRE_THROWS_AS(h5::read_real_attribute(file, "reals"), h5::Error);
}

TEST_CASE("writing an attribute again overwrites or replaces it", "[hdf5][wrapper]") {
  ScratchDir dir("overwrite");
  auto file = h5::create_file(dir / "o.h5");
  h5::write_attribute(file, "completed", 0);
  h5::write_attribute(file, "completed", 1);
  REQUIRE(h5::read_integer_attribute(file, "completed") == 1);
  h5::write_attribute(file, "note", "short");
  h5::write_attribute(file, "note", "a much longer note than before");
  REQUIRE(h5::read_string_attribute(file, "note") == "a much longer note than before");
  h5::write_attribute(file, "completed", "yes");  // another type: replaced
  REQUIRE(h5::read_string_attribute(file, "completed") == "yes");
  REQUIRE(h5::attribute_names(file).size() == 2);
}

TEST_CASE("an appendable dataset grows by whole rows", "[hdf5][wrapper]") {
  ScratchDir dir("append");
  auto file = h5::create_file(dir / "d.h5");
  const std::vector<std::size_t> row{3};
  auto data = h5::create_appendable(file, "series", row);
  REQUIRE(h5::shape(data) == std::vector<std::size_t>{0, 3});
  std::vector<double> first{0, 1, 2, 10, 11, 12};
  REQUIRE(h5::append_rows(data, first) == 2);
  std::vector<double> more;
  for (int r = 2; r < 7; ++r)
    for (int c = 0; c < 3; ++c)
      more.push_back(r * 10 + c);
  REQUIRE(h5::append_rows(data, more) == 7);
  REQUIRE(h5::shape(data) == std::vector<std::size_t>{7, 3});
  REQUIRE(h5::read_rows(data, 2, 2) == std::vector<double>{20, 21, 22, 30, 31, 32});
  REQUIRE(h5::read_reals(data).size() == 21);
  REQUIRE(h5::read_reals(data)[20] == 62);
  REQUIRE(h5::chunk_shape(data) == std::vector<std::size_t>{64, 3});
  REQUIRE(h5::filter_names(data).size() == 2);
  REQUIRE_THAT(h5::filter_names(data)[0], Catch::Contains("shuffle"));
  REQUIRE_THAT(h5::filter_names(data)[1], Catch::Contains("deflate"));
  std::vector<double> partial{1, 2, 3, 4};
  REQUIRE_THROWS_AS(h5::append_rows(data, partial), std::invalid_argument);
  REQUIRE_THROWS_AS(h5::read_rows(data, 6, 2), std::out_of_range);
  REQUIRE(h5::append_rows(data, std::span<const double>{}) == 7);

  auto line = h5::create_appendable(file, "line", {}, {16, 0});
  std::vector<double> values{1, 2, 3};
  h5::append_rows(line, values);
  REQUIRE(h5::shape(line) == std::vector<std::size_t>{3});
  REQUIRE(h5::chunk_shape(line) == std::vector<std::size_t>{16});
  REQUIRE(h5::filter_names(line).empty());  // deflate level 0: no filters
}

TEST_CASE("wide rows are chunked within a mebibyte", "[hdf5][wrapper]") {
  ScratchDir dir("wide");
  auto file = h5::create_file(dir / "w.h5");
  const std::vector<std::size_t> row{100000};
  auto data = h5::create_appendable(file, "wide", row);
  const auto chunk = h5::chunk_shape(data);
  REQUIRE(chunk.size() == 2);
  REQUIRE(chunk[0] * chunk[1] * sizeof(double) <= (1u << 20));
  REQUIRE(chunk[1] == 2048);
  const std::vector<std::size_t> empty_row{0};
  REQUIRE_THROWS_AS(h5::create_appendable(file, "empty", empty_row), std::invalid_argument);
}

TEST_CASE("fixed datasets groups and member lists", "[hdf5][wrapper]") {
  ScratchDir dir("groups");
  auto file = h5::create_file(dir / "g.h5");
  auto runs = h5::create_group(file, "runs");
  h5::create_group(runs, "run_1");
  h5::create_group(runs, "run_0");
  const std::vector<std::int64_t> ids{0, 1, 2, 3};
  h5::write_dataset(file, "trust", std::span<const std::int64_t>(ids));
  const std::vector<double> empty;
  h5::write_dataset(file, "nothing", std::span<const double>(empty));
  REQUIRE(h5::member_names(file) == std::vector<std::string>{"nothing", "runs", "trust"});
  REQUIRE(h5::member_names(runs) == std::vector<std::string>{"run_0", "run_1"});
  REQUIRE(h5::exists(runs, "run_0"));
  REQUIRE_FALSE(h5::exists(runs, "run_2"));
  REQUIRE(h5::read_integers(h5::open_dataset(file, "trust")) == ids);
  REQUIRE(h5::read_reals(h5::open_dataset(file, "nothing")).empty());
  REQUIRE(h5::chunk_shape(h5::open_dataset(file, "trust")).empty());
  REQUIRE(h5::file_name(runs) == (dir / "g.h5").string());
}

TEST_CASE("a filled dataset takes rows in any order and keeps its fill elsewhere",
          "[hdf5][wrapper]") {
  ScratchDir dir("filled");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  {
    auto file = h5::create_file(dir / "filled.h5");
    const std::size_t dims[] = {4, 3};
    auto values = h5::create_filled(file, "values", dims, h5::Element::float64, nan);
    REQUIRE(h5::shape(values) == std::vector<std::size_t>{4, 3});
    REQUIRE(h5::chunk_shape(values).empty());  // contiguous: allocated at creation
    const std::vector<double> row3{3.0, 3.5, 4.0}, rows01{0.0, 0.5, 1.0, 1.0, 1.5, 2.0};
    h5::write_rows(values, 3, row3);
    h5::write_rows(values, 0, rows01);
    REQUIRE_THROWS_AS(h5::write_rows(values, 3, rows01), h5::Error);  // past the end
    REQUIRE_THROWS_AS(h5::write_rows(values, 0, std::vector<double>{1.0, 2.0}), h5::Error);
    const std::size_t flag_dims[] = {5};
    auto flags = h5::create_filled(file, "flags", flag_dims, h5::Element::uint8, 0);
    const std::uint8_t one[] = {1};
    h5::write_rows(flags, 2, one);
  }
  auto file = h5::open_file(dir / "filled.h5");
  const auto values = h5::read_reals(h5::open_dataset(file, "values"));
  REQUIRE(values.size() == 12);
  CHECK(values[0] == 0.0);
  CHECK(values[5] == 2.0);
  CHECK(std::isnan(values[6]));  // row 2 never written: still the fill
  CHECK(std::isnan(values[8]));
  CHECK(values[11] == 4.0);
  CHECK(h5::read_integers(h5::open_dataset(file, "flags")) ==
        std::vector<std::int64_t>{0, 0, 1, 0, 0});
}

TEST_CASE("text of any length round trips as a dataset", "[hdf5][wrapper]") {
  ScratchDir dir("text");
  const std::string short_text = "title = \"Mid Staffs\"\n";
  const std::string long_text(200'000, 'x');  // beyond an attribute's 64 KiB
  {
    auto file = h5::create_file(dir / "text.h5");
    h5::write_text(file, "short", short_text);
    h5::write_text(file, "long", long_text);
    h5::write_text(file, "empty", "");
  }
  auto file = h5::open_file(dir / "text.h5");
  CHECK(h5::read_text(file, "short") == short_text);
  CHECK(h5::read_text(file, "long") == long_text);
  CHECK(h5::read_text(file, "empty").empty());
  REQUIRE_THROWS_AS(h5::read_text(file, "missing"), h5::Error);
}

TEST_CASE("dimension scales attach to the dimension they label", "[hdf5][wrapper]") {
  ScratchDir dir("scales");
  auto file = h5::create_file(dir / "s.h5");
  auto time = h5::create_appendable(file, "time", {});
  h5::make_dimension_scale(time, "time");
  const std::vector<std::int64_t> ids{0, 1};
  auto trust = h5::write_dataset(file, "trust", std::span<const std::int64_t>(ids));
  h5::make_dimension_scale(trust, "trust");
  const std::vector<std::size_t> row{2};
  auto metric = h5::create_appendable(file, "metric", row);
  h5::attach_dimension_scale(metric, time, 0);
  h5::attach_dimension_scale(metric, trust, 1);
  REQUIRE(h5::is_attached(metric, time, 0));
  REQUIRE(h5::is_attached(metric, trust, 1));
  REQUIRE_FALSE(h5::is_attached(metric, trust, 0));
  REQUIRE_FALSE(h5::is_attached(metric, time, 1));
  REQUIRE(h5::read_strings_attribute(metric, "DIMENSION_LABELS") ==
          std::vector<std::string>{"time", "trust"});
}

TEST_CASE("tables round trip strings and numbers by column name", "[hdf5][wrapper]") {
  ScratchDir dir("tables");
  auto file = h5::create_file(dir / "t.h5");
  std::vector<h5::Column> columns{
      {"name", std::vector<std::string>{"pressure.target_stringency", "run.days"}},
      {"value", std::vector<double>{0.6, 1825}},
      {"calls", std::vector<std::int64_t>{-1, 1LL << 40}},
      {"unit", std::vector<std::string>{"1", "day"}}};
  h5::write_table(file, "parameters", columns);
  const auto table = h5::read_table(h5::open_dataset(file, "parameters"));
  REQUIRE(table.size() == 4);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    REQUIRE(table[i].name == columns[i].name);
    REQUIRE(table[i].values == columns[i].values);
  }
  REQUIRE(std::get<std::vector<double>>(h5::column(table, "value").values)[1] == 1825);
  REQUIRE_THROWS_AS(h5::column(table, "missing"), std::out_of_range);

  h5::write_table(file, "empty", {{"name", std::vector<std::string>{}}});
  REQUIRE(std::get<std::vector<std::string>>(
              h5::read_table(h5::open_dataset(file, "empty")).at(0).values)
              .empty());
  REQUIRE_THROWS_AS(
      h5::write_table(file, "ragged",
                      {{"a", std::vector<double>{1, 2}}, {"b", std::vector<double>{1}}}),
      std::invalid_argument);
  REQUIRE_THROWS_AS(h5::read_table(h5::open_dataset(file, "ragged_missing")), h5::Error);
}

TEST_CASE("HDF5 failures become exceptions and print nothing", "[hdf5][wrapper][errors]") {
  ScratchDir dir("errors");
  std::string message;
  const std::string printed = candour::test::captured_stderr(dir / "stderr.txt", [&] {
    try {
      h5::open_file(dir / "missing.h5");
    } catch (const h5::Error& e) {
      message = e.what();
    }
  });
  REQUIRE_THAT(message, Catch::Contains("cannot open HDF5 file"));
  REQUIRE_THAT(message, Catch::Contains("missing.h5"));
  REQUIRE_THAT(message, Catch::Contains("unable to open file"));  // HDF5's own words
  // One line: the operating system's reason, not HDF5's whole stack with its
  // time stamps, buffer addresses and flags.
  REQUIRE_THAT(message, Catch::Contains("No such file or directory"));
  REQUIRE(message.find('\n') == std::string::npos);
  REQUIRE(message.find("errno") == std::string::npos);
  REQUIRE(message.size() < 200 + (dir / "missing.h5").string().size());
  REQUIRE(printed.empty());

  auto file = h5::create_file(dir / "e.h5");
  try {
    h5::open_group(file, "nowhere");
    FAIL("opening a missing group must throw");
  } catch (const h5::Error& e) {
    REQUIRE_THAT(e.what(), Catch::Contains("'nowhere'"));
  }
  REQUIRE_THROWS_AS(h5::create_file(dir / "no_such_dir" / "x.h5"), h5::Error);
}

TEST_CASE("the caller's HDF5 error printing is left as it was", "[hdf5][wrapper][errors]") {
  H5E_auto2_t before = nullptr;
  void* before_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &before, &before_data);
  REQUIRE(before != nullptr);  // HDF5's default prints
  ScratchDir dir("restore");
  REQUIRE_THROWS_AS(h5::open_file(dir / "missing.h5"), h5::Error);
  H5E_auto2_t after = nullptr;
  void* after_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &after, &after_data);
  REQUIRE(after == before);
  REQUIRE(after_data == before_data);
}
