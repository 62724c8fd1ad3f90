#include "sim/core/burn_in_store.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/crc.hpp>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace candour::sim {
namespace {

// A checkpoint file: the magic line, the identity (build and key) with its
// length before it, the state, the state's length, and a CRC-32 of all that.
constexpr std::string_view kMagic = "candour burn-in checkpoint 2\n";
constexpr std::size_t kTrailer = sizeof(std::uint64_t) + sizeof(std::uint32_t);

// CRC-64/XZ names the file; the identity inside it decides.
using Crc64 = boost::crc_optimal<64, 0x42F0E1EBA9EA3693ULL, ~0ULL, ~0ULL, true, true>;

template <class T>
void write_value(std::ostream& out, T value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

template <class T>
bool read_value(std::istream& in, T& value) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&value), sizeof value));
}

// CRC-32 of the first `length` bytes of `in`, read from its start in blocks;
// none when it holds fewer.
std::optional<std::uint32_t> crc32_of(std::istream& in, std::uint64_t length) {
  boost::crc_32_type crc;
  std::array<char, 1 << 16> block;
  in.seekg(0);
  while (length > 0) {
    const auto n = static_cast<std::streamsize>(std::min<std::uint64_t>(length, block.size()));
    if (!in.read(block.data(), n))
      return std::nullopt;
    crc.process_bytes(block.data(), static_cast<std::size_t>(n));
    length -= static_cast<std::uint64_t>(n);
  }
  return crc.checksum();
}

}  // namespace

BurnInStore::BurnInStore(std::filesystem::path folder, std::string build)
    : folder_(std::move(folder)), build_(std::move(build)) {}

std::string BurnInStore::identity(std::string_view key) const {
  std::string id = fmt::format("{}\n", build_.size());
  id += build_;
  id += key;
  return id;
}

std::filesystem::path BurnInStore::path_of(std::string_view key) const {
  const auto id = identity(key);
  Crc64 crc;
  crc.process_bytes(id.data(), id.size());
  return folder_ / fmt::format("burn-in-{:016x}.bin", crc.checksum());
}

bool BurnInStore::load(std::string_view key, const std::function<bool(std::istream&)>& read) const {
  const auto path = path_of(key);
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  std::ifstream in(path, std::ios::binary);
  if (error || !in || size < kMagic.size() + sizeof(std::uint64_t) + kTrailer)
    return false;
  // The checksum first: nothing of a damaged file is believed.
  const auto body = size - sizeof(std::uint32_t);
  const auto crc = crc32_of(in, body);
  std::uint32_t stored = 0;
  if (!crc || !read_value(in, stored) || *crc != stored)
    return false;
  in.seekg(0);
  std::string magic(kMagic.size(), '\0');
  std::uint64_t id_length = 0;
  if (!in.read(magic.data(), static_cast<std::streamsize>(magic.size())) || magic != kMagic ||
      !read_value(in, id_length) || id_length > body)
    return false;
  std::string id(id_length, '\0');
  if (!in.read(id.data(), static_cast<std::streamsize>(id.size())) || id != identity(key))
    return false;
  const auto state_start = static_cast<std::uint64_t>(in.tellg());
  std::uint64_t state_length = 0;
  in.seekg(static_cast<std::streamoff>(body - sizeof state_length));
  if (!read_value(in, state_length) || state_start + state_length + kTrailer != size)
    return false;
  in.seekg(static_cast<std::streamoff>(state_start));
  return read(in);
}

void BurnInStore::save(std::string_view key,
                       const std::function<void(std::ostream&)>& write) const {
  const auto path = path_of(key);
  std::error_code error;
  std::filesystem::create_directories(folder_, error);
  if (error)
    throw std::runtime_error(
        fmt::format("cannot create the folder {}: {}", folder_.string(), error.message()));
  // Whole or not at all: a name of this thread's own, renamed into place.
  // The host is in it too: the ranks of an MPI sweep on several machines
  // share one folder, and their process ids may coincide.
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0)
    host[0] = '\0';
  auto temporary = path;
  temporary += fmt::format(".{}-{}-{:x}.partial", host.data(), ::getpid(),
                           std::hash<std::thread::id>{}(std::this_thread::get_id()));
  const auto refuse = [&](const std::string& why) {
    std::filesystem::remove(temporary, error);
    return std::runtime_error(fmt::format("cannot write {}: {}", path.string(), why));
  };
  struct Failed {
    const char* why;
  };
  try {
    std::fstream file(temporary, std::ios::in | std::ios::out | std::ios::binary | std::ios::trunc);
    if (!file)
      throw Failed{"cannot create it"};
    const auto id = identity(key);
    file.write(kMagic.data(), static_cast<std::streamsize>(kMagic.size()));
    write_value(file, static_cast<std::uint64_t>(id.size()));
    file.write(id.data(), static_cast<std::streamsize>(id.size()));
    const auto state_start = static_cast<std::uint64_t>(file.tellp());
    write(file);
    const auto state_end = static_cast<std::uint64_t>(file.tellp());
    write_value(file, state_end - state_start);
    file.flush();
    const auto body = static_cast<std::uint64_t>(file.tellp());
    const auto crc = file ? crc32_of(file, body) : std::nullopt;
    if (!crc)
      throw Failed{"the disk did not take it"};
    file.seekp(static_cast<std::streamoff>(body));
    write_value(file, *crc);
    file.close();
    if (!file)
      throw Failed{"the disk did not take it"};
  } catch (const Failed& failed) {
    throw refuse(failed.why);
  } catch (const std::exception& e) {
    throw refuse(e.what());
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    const auto why = error.message();
    throw refuse(why);
  }
}

}  // namespace candour::sim
