#include "cache_keys.h"

#include <fmt/format.h>

#include <sstream>

namespace shapan::io {
namespace {

void append(const toml::node& node, std::string& out) {
  if (const toml::table* t = node.as_table()) {
    out += '{';
    for (auto&& [key, value] : *t) {
      out += fmt::format("{:?}=", key.str());
      append(value, out);
      out += ';';
    }
    out += '}';
  } else if (const toml::array* a = node.as_array()) {
    out += '[';
    for (const toml::node& item : *a) {
      append(item, out);
      out += ',';
    }
    out += ']';
  } else if (const auto* d = node.as_floating_point()) {
    out += fmt::format("f{:a}", d->get());
  } else if (const auto* i = node.as_integer()) {
    out += fmt::format("i{}", i->get());
  } else if (const auto* s = node.as_string()) {
    out += fmt::format("{:?}", s->get());
  } else if (const auto* b = node.as_boolean()) {
    out += b->get() ? "true" : "false";
  } else if (const auto* date = node.as_date()) {
    const toml::date& v = date->get();
    out += fmt::format("d{}-{}-{}", v.year, v.month, v.day);
  } else if (const auto* time = node.as_time()) {
    const toml::time& v = time->get();
    out += fmt::format("t{}:{}:{}.{}", v.hour, v.minute, v.second, v.nanosecond);
  } else if (const auto* date_time = node.as_date_time()) {
    // Date-times as their TOML text, which is exact.
    std::ostringstream text;
    text << *date_time;
    out += "dt" + text.str();
  }
}

}  // namespace

std::string exact_key(const toml::node* node) {
  if (node == nullptr) return "-";
  std::string out;
  append(*node, out);
  return out;
}

std::string frame_key(Timestamp start, int years, Duration step) {
  return fmt::format("{}|{}|{}", start.unix_seconds(), years, step.in_seconds());
}

std::string site_key(const Site& site) {
  return fmt::format("{:?}|{:a}|{:a}|{:a}|{:a}", site.name, site.latitude_deg, site.longitude_deg,
                     site.elevation_m, site.utc_offset_h);
}

}  // namespace shapan::io
