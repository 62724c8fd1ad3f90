#pragma once
// Text for error messages as the user needs to see it: characters that print
// as nothing (a zero-width space pasted into a key, a tab, a no-break space,
// a byte order mark) or that would break the one-line message (a newline)
// are shown as <U+200B>, and bytes that are not UTF-8 as <0xFF>. Everything
// else, accented letters included, is left as it is.
#include <string>
#include <string_view>

namespace candour::sim::io {

std::string visible_text(std::string_view text);

}  // namespace candour::sim::io
