// shapan_golden: runs golden cases and compares them with their expected/
// files, or (--update) rewrites those files. ctest runs it once per case
// (tests/CMakeLists.txt); scripts/update-golden.sh runs it with --update.
//
//   shapan_golden --shapan build/release/apps/cli/shapan [--update] [--exact]
//                 [--rules tests/scenarios/tolerances.toml] tests/scenarios/<case>...
//
// Exit status: 0 when every case matches (or was written), 1 otherwise, 2 on
// bad arguments. SHAPAN_GOLDEN_EXACT=1 in the environment is --exact.
#include <fmt/format.h>
#include <stdlib.h>  // mkdtemp

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "golden.h"

namespace {

namespace fs = std::filesystem;
using shapan::golden::CaseSpec;
using shapan::golden::Rules;

struct Options {
  fs::path shapan;
  fs::path rules = "tests/scenarios/tolerances.toml";
  bool update = false;
  bool exact = false;
  std::vector<fs::path> cases;
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error(path.string() + ": cannot write");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// A fresh folder for one run's output, removed when the case is done.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "shapan_golden_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temp folder");
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// What became of one case: the lines that differ (none: it matches), or why
// it could not be compared.
struct Outcome {
  std::vector<std::string> lines;
  bool compared = true;
};

Outcome not_compared(std::vector<std::string> why) {
  return {.lines = std::move(why), .compared = false};
}

Outcome run_case(const Options& options, const Rules& rules, const CaseSpec& spec) {
  const TempDir out;
  const int status = shapan::golden::run_shapan(options.shapan, spec, out.path());
  if (status < 0) {
    return not_compared(
        {fmt::format("could not start {} (is it built?)", options.shapan.string())});
  }
  if (status != 0) {
    return not_compared({fmt::format("shapan run {} exited with status {} (its messages are above)",
                                     spec.scenario.string(), status)});
  }
  const nlohmann::json summary = nlohmann::json::parse(read_text(out.path() / "summary.json"));
  shapan::golden::TimeseriesScan scan = shapan::golden::scan_timeseries(
      out.path() / "timeseries.csv", rules, spec.excerpt_first_row, spec.excerpt_rows);
  std::vector<std::string> lines = std::move(scan.problems);
  const fs::path expected = spec.dir / "expected";
  if (options.update) {
    if (!lines.empty()) return not_compared(lines);
    fs::create_directories(expected);
    write_text(expected / "summary.json", shapan::golden::expected_summary_text(summary, rules));
    write_text(expected / "timeseries_digest.csv", shapan::golden::digests_to_csv(scan.digests));
    write_text(expected / "timeseries_excerpt.csv", joined(scan.excerpt));
    return {};
  }
  if (!fs::exists(expected / "summary.json")) {
    return not_compared({fmt::format(
        "{}: no expected files; write them with scripts/update-golden.sh", expected.string())});
  }
  const auto add = [&lines](std::vector<std::string> more) {
    for (std::string& l : more) lines.push_back(std::move(l));
  };
  add(shapan::golden::compare_summary(nlohmann::json::parse(read_text(expected / "summary.json")),
                                      summary, rules));
  add(shapan::golden::compare_digests(
      shapan::golden::digests_from_csv(read_text(expected / "timeseries_digest.csv")), scan.digests,
      rules));
  add(shapan::golden::compare_excerpt(lines_of(read_text(expected / "timeseries_excerpt.csv")),
                                      scan.excerpt, spec.excerpt_first_row, rules));
  return {.lines = std::move(lines)};
}

Options parse_options(int argc, char** argv) {
  Options o;
  const char* exact = std::getenv("SHAPAN_GOLDEN_EXACT");
  o.exact = exact != nullptr && std::string(exact) == "1";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--shapan" || arg == "--rules") && i + 1 < argc) {
      (arg == "--shapan" ? o.shapan : o.rules) = argv[++i];
    } else if (arg == "--update") {
      o.update = true;
    } else if (arg == "--exact") {
      o.exact = true;
    } else if (!arg.empty() && arg.front() != '-') {
      o.cases.emplace_back(arg);
    } else {
      throw std::invalid_argument("unknown argument " + arg);
    }
  }
  if (o.shapan.empty() || o.cases.empty()) {
    throw std::invalid_argument("need --shapan PATH and at least one case folder");
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  // Line-buffered, so that our lines and shapan's (on stderr) come out in order in a log.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  Options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr,
                 "shapan_golden: %s\nusage: shapan_golden --shapan PATH [--update] [--exact] "
                 "[--rules FILE] CASE_DIR...\n",
                 e.what());
    return 2;
  }
  int failed = 0;
  try {
    Rules rules = shapan::golden::read_rules(options.rules);
    rules.exact = options.exact;
    for (const fs::path& dir : options.cases) {
      const auto t0 = std::chrono::steady_clock::now();
      const CaseSpec spec = shapan::golden::read_case(dir);
      const Outcome outcome = run_case(options, rules, spec);
      const std::vector<std::string>& lines = outcome.lines;
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (lines.empty()) {
        std::printf("golden %s: %s (%.1f s)\n", spec.name.c_str(),
                    options.update ? "expected files written" : "matches", s);
        continue;
      }
      ++failed;
      if (!outcome.compared) {
        std::printf("golden %s: FAILED, not compared (%.1f s)\n", spec.name.c_str(), s);
        for (const std::string& l : lines) std::printf("  %s\n", l.c_str());
        continue;
      }
      std::printf("golden %s: %zu difference(s)%s (%.1f s)\n", spec.name.c_str(), lines.size(),
                  options.exact ? ", exact comparison" : "", s);
      for (const std::string& l : lines) std::printf("  %s\n", l.c_str());
      std::printf(
          "  tolerances: %s. If the change is intended, run scripts/update-golden.sh and say "
          "in the commit why these numbers moved.\n",
          options.rules.string().c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shapan_golden: %s\n", e.what());
    return 1;
  }
  return failed == 0 ? 0 : 1;
}
