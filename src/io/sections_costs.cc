// The cost book's keys: each unit's costs in its own section, [finance], and
// the green certificates' price in [grid] (metrics/cost_book.h).
#include <fmt/format.h>

#include <cmath>

#include "sections.h"

namespace shapan::io {
namespace {

// Renames an issue's field to the key as the scenario spells it
// (capex_per_kw for capex_cny_per_kw) when it was written without the currency.
void name_as_written(const TableReader& r, std::vector<FieldIssue>& issues) {
  for (FieldIssue& issue : issues) {
    const std::size_t at = issue.field.find("_cny_");
    if (at == std::string::npos || r.has(issue.field)) continue;
    const std::string plain = issue.field.substr(0, at) + "_" + issue.field.substr(at + 5);
    if (r.has(plain)) issue.field = plain;
  }
}

// The tables of [[key]] (or of key's array under `parent`), without reporting
// anything: a section that is not an array of tables is the physics reader's
// to report.
std::vector<const toml::table*> tables_of(const toml::table& parent, std::string_view key) {
  std::vector<const toml::table*> out;
  const toml::array* array = parent[key].as_array();
  if (array == nullptr) return out;
  for (const auto& item : *array) {
    if (const toml::table* t = item.as_table()) out.push_back(t);
  }
  return out;
}

std::vector<CostParams> read_costs_of(const toml::table& root, std::string_view key,
                                      ReadContext& ctx) {
  std::vector<CostParams> out;
  const std::vector<const toml::table*> tables = tables_of(root, key);
  out.reserve(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader r(*tables[i], fmt::format("{}.{}", key, i), ctx);
    out.push_back(read_cost(r));
  }
  return out;
}

// [hydro] and then its [[hydro.downstream]] plants, as sim::Setup orders them.
std::vector<CostParams> read_hydro_costs(const toml::table& root, ReadContext& ctx) {
  std::vector<CostParams> out;
  const toml::table* hydro = root["hydro"].as_table();
  if (hydro == nullptr) return out;
  TableReader r(*hydro, "hydro", ctx);
  out.push_back(read_cost(r));
  const std::vector<const toml::table*> below = tables_of(*hydro, "downstream");
  for (std::size_t k = 0; k < below.size(); ++k) {
    TableReader dr(*below[k], fmt::format("hydro.downstream.{}", k), ctx);
    out.push_back(read_cost(dr));
  }
  return out;
}

}  // namespace

CostParams read_cost(TableReader& r) {
  CostParams c;
  c.capex_cny_per_kw = money(r, "capex_per_kw", "capex_cny_per_kw", c.capex_cny_per_kw);
  c.capex_cny_per_kwh = money(r, "capex_per_kwh", "capex_cny_per_kwh", c.capex_cny_per_kwh);
  c.om_cny_per_kw_year = money(r, "om_per_kw_year", "om_cny_per_kw_year", c.om_cny_per_kw_year);
  c.capex_cny_per_kw_year =
      money(r, "capex_per_kw_year", "capex_cny_per_kw_year", c.capex_cny_per_kw_year);
  c.capex_cny_per_kwh_year =
      money(r, "capex_per_kwh_year", "capex_cny_per_kwh_year", c.capex_cny_per_kwh_year);
  c.lifetime_years = r.number("lifetime_years", c.lifetime_years);
  std::vector<FieldIssue> issues = c.check();
  name_as_written(r, issues);
  r.report(issues);
  return c;
}

void skip_cost_keys(TableReader& r) {
  r.known_elsewhere({"capex_per_kw", "capex_cny_per_kw", "capex_per_kwh", "capex_cny_per_kwh",
                     "om_per_kw_year", "om_cny_per_kw_year", "capex_per_kw_year",
                     "capex_cny_per_kw_year", "capex_per_kwh_year", "capex_cny_per_kwh_year",
                     "lifetime_years"});
}

metrics::CostBook read_cost_book(const toml::table& root, const metrics::FinanceParams& finance,
                                 ReadContext& ctx) {
  metrics::CostBook book;
  book.finance = finance;
  book.pv = read_costs_of(root, "pv", ctx);
  book.wind = read_costs_of(root, "wind", ctx);
  book.hydro = read_hydro_costs(root, ctx);
  book.batteries = read_costs_of(root, "battery", ctx);
  book.pumped_storage = read_costs_of(root, "pumped_storage", ctx);
  if (const toml::table* grid = root["grid"].as_table()) {
    TableReader r(*grid, "grid", ctx);
    book.grid_tie = {read_cost(r)};
    book.green_certificate_price_cny_per_mwh =
        money(r, "green_certificate_price_per_mwh", "green_certificate_price_cny_per_mwh",
              book.green_certificate_price_cny_per_mwh);
    std::vector<FieldIssue> issues = FieldChecker()
                                         .at_least("green_certificate_price_cny_per_mwh",
                                                   book.green_certificate_price_cny_per_mwh, 0.0)
                                         .issues();
    name_as_written(r, issues);
    r.report(issues);
  }
  if (const toml::table* optimize = root["optimize"].as_table()) {
    TableReader r(*optimize, "optimize", ctx);
    book.carbon_price_per_t =
        money(r, "carbon_price_per_t", "carbon_price_cny_per_t", book.carbon_price_per_t);
    if (!(book.carbon_price_per_t >= 0.0 && std::isfinite(book.carbon_price_per_t))) {
      r.add_issue(r.has("carbon_price_per_t") ? "carbon_price_per_t" : "carbon_price_cny_per_t",
                  fmt::format("= {} per t: must be >= 0 and finite (money per tCO2, in the "
                              "[finance] currency)",
                              format_number(book.carbon_price_per_t)));
    }
  }
  return book;
}

}  // namespace shapan::io
