#include "run_jrun.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace jrun::testing {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

RunResult run_jrun(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env, const std::string& cwd) {
  const char* binary = std::getenv("JRUN_BINARY");
  char dir_template[] = "/tmp/jrun-cli-test-XXXXXX";
  std::string dir = ::mkdtemp(dir_template);
  std::string out_path = dir + "/out", err_path = dir + "/err";
  std::vector<std::string> env_strings = {"PATH=/usr/bin:/bin", "HOME=" + dir,
                                          "JRUN_HOME=" + dir + "/home"};
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);

  pid_t pid = ::fork();
  if (pid == 0) {
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    std::vector<char*> argv = {const_cast<char*>(binary)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (std::string& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    ::execve(binary, argv.data(), envp.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  std::string cleanup = "rm -rf '" + dir + "'";
  [[maybe_unused]] int rc = std::system(cleanup.c_str());
  return result;
}

}  // namespace jrun::testing
