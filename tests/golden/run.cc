// Starts `shapan run` for a case as a child process (posix_spawn: no shell, so
// no quoting of the overrides) and waits for it.
#include <spawn.h>
#include <sys/wait.h>

#include <string>
#include <vector>

#include "golden.h"

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX's name

namespace shapan::golden {

int run_shapan(const std::filesystem::path& shapan, const CaseSpec& spec,
               const std::filesystem::path& out_dir) {
  std::vector<std::string> args = {shapan.string(),  "run",    spec.scenario.string(), "--out",
                                   out_dir.string(), "--quiet"};
  for (const std::string& o : spec.overrides) {
    args.emplace_back("--set");
    args.push_back(o);
  }
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);  // as a shell reports it
  return -1;
}

}  // namespace shapan::golden
