// Choosing a weather reader from the file's content, and the public entry
// points read_weather / parse_weather.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "shapan/core/csv.h"
#include "shapan/core/error.h"
#include "shapan/resource/weather.h"
#include "weather_fields.h"

namespace shapan::resource {
namespace {

// The first `count` lines of text, without line ends and a UTF-8 BOM.
std::vector<std::string_view> first_lines(std::string_view text, std::size_t count) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> lines;
  while (lines.size() < count && !text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

bool is_srw_field_line(std::string_view line) {
  const CsvTable t = parse_csv(line, "");
  if (t.rows.empty()) return false;
  return std::all_of(t.rows[0].cells.begin(), t.rows[0].cells.end(), [](const std::string& c) {
    for (std::string_view name : {"Temperature", "Pressure", "Speed", "Direction"}) {
      if (c.size() == name.size() && istarts_with(c, name)) return true;
    }
    return false;
  });
}

}  // namespace

std::string_view weather_format_name(WeatherFormat format) {
  switch (format) {
    case WeatherFormat::kAuto:
      return "auto";
    case WeatherFormat::kEpw:
      return "EPW";
    case WeatherFormat::kTmy3:
      return "TMY3";
    case WeatherFormat::kPsm3:
      return "SAM CSV (NSRDB PSM3)";
    case WeatherFormat::kSrw:
      return "SRW";
  }
  return "unknown";
}

WeatherFormat detect_weather_format(std::string_view text, const std::string& source) {
  const auto lines = first_lines(text, 3);
  if (lines.empty() || std::all_of(lines.begin(), lines.end(), [](std::string_view l) {
        return l.find_first_not_of(" \t\r") == std::string_view::npos;
      })) {
    throw_input_error(source, 0, 0, "", "the file is empty");
  }
  if (istarts_with(lines[0], "LOCATION,")) return WeatherFormat::kEpw;
  if (lines.size() >= 2 && istarts_with(lines[1], "Date (MM/DD/YYYY)")) return WeatherFormat::kTmy3;
  if (istarts_with(lines[0], "Source,")) return WeatherFormat::kPsm3;
  for (std::string_view line : lines) {
    if (istarts_with(line, "Year,Month,Day,Hour")) return WeatherFormat::kPsm3;
  }
  const std::string ext = std::filesystem::path(source).extension().string();
  if (istarts_with(ext, ".srw") && ext.size() == 4) return WeatherFormat::kSrw;
  if (lines.size() == 3 && is_srw_field_line(lines[2])) return WeatherFormat::kSrw;
  throw_input_error(source, 0, 0, "",
                    "unknown weather file format; expected one of: EPW (line 1 'LOCATION,...'), "
                    "TMY3 (line 2 'Date (MM/DD/YYYY),Time (HH:MM),...'), SAM CSV / NSRDB PSM3 "
                    "(line 1 'Source,Location ID,...' or a 'Year,Month,Day,Hour,...' header), "
                    "SRW (a .srw file with Temperature/Pressure/Speed/Direction on line 3)");
}

WeatherSeries parse_weather(std::string_view text, const std::string& source,
                            WeatherFormat format) {
  if (format == WeatherFormat::kAuto) format = detect_weather_format(text, source);
  const CsvTable table = parse_csv(text, source);
  switch (format) {
    case WeatherFormat::kEpw:
      return detail::read_epw(table);
    case WeatherFormat::kTmy3:
      return detail::read_tmy3(table);
    case WeatherFormat::kPsm3:
      return detail::read_sam_csv(table);
    case WeatherFormat::kSrw:
    case WeatherFormat::kAuto:
      break;
  }
  return detail::read_srw(table);
}

WeatherSeries read_weather(const std::filesystem::path& path, WeatherFormat format,
                           const Files& files) {
  return parse_weather(files.read(path), path.string(), format);
}

}  // namespace shapan::resource
