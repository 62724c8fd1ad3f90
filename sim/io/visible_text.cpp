#include "sim/io/visible_text.hpp"

#include <fmt/core.h>

#include <array>
#include <cstdint>
#include <utility>

namespace candour::sim::io {
namespace {

// Code points that a terminal shows as nothing, as a blank that is not a
// space, or not at all: controls, format characters and invisible fillers.
constexpr std::array<std::pair<char32_t, char32_t>, 19> kInvisible = {{
    {0x0000, 0x001F},    // C0 controls: tab, newline, ...
    {0x007F, 0x009F},    // DEL and the C1 controls
    {0x00A0, 0x00A0},    // no-break space
    {0x00AD, 0x00AD},    // soft hyphen
    {0x034F, 0x034F},    // combining grapheme joiner
    {0x061C, 0x061C},    // Arabic letter mark
    {0x115F, 0x1160},    // Hangul fillers
    {0x17B4, 0x17B5},    // Khmer inherent vowels
    {0x180B, 0x180E},    // Mongolian variation selectors and vowel separator
    {0x2000, 0x200F},    // typographic spaces, zero-width characters, direction marks
    {0x2028, 0x202F},    // line and paragraph separators, embeddings, narrow no-break space
    {0x205F, 0x206F},    // word joiner, invisible operators, deprecated format characters
    {0x3000, 0x3000},    // ideographic space
    {0x3164, 0x3164},    // Hangul filler
    {0xFE00, 0xFE0F},    // variation selectors
    {0xFEFF, 0xFEFF},    // byte order mark, zero-width no-break space
    {0xFFA0, 0xFFA0},    // halfwidth Hangul filler
    {0xFFF0, 0xFFFB},    // unassigned specials and interlinear annotation
    {0xE0000, 0xE0FFF},  // tags and supplementary variation selectors
}};

bool invisible(char32_t c) {
  for (const auto& [first, last] : kInvisible)
    if (c >= first && c <= last)
      return true;
  return false;
}

// The code point starting at text[i] and its length in bytes, or length 0
// when the bytes there are not well-formed UTF-8.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
  const std::uint8_t lead = byte(i);
  std::size_t length = 0;
  char32_t c = 0;
  if (lead < 0x80)
    return {lead, 1};
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    c = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    c = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    c = lead & 0x07;
  } else {
    return {0, 0};
  }
  if (i + length > text.size())
    return {0, 0};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80)
      return {0, 0};
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kSmallest[length] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
    return {0, 0};
  return {c, length};
}

}  // namespace

std::string visible_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, length] = decode(text, i);
    if (length == 0) {
      out += fmt::format("<0x{:02X}>", static_cast<std::uint8_t>(text[i]));
      ++i;
      continue;
    }
    if (invisible(c))
      out += fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(c));
    else
      out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace candour::sim::io
