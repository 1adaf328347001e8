// Private to kioskpack: one function per subcommand, each returning the process exit code.
#pragma once

#include <string>
#include <vector>

namespace kiosk::pack {

int run_text_command(const std::vector<std::string>& args);
int run_build_command(const std::vector<std::string>& args);
int run_inspect_command(const std::vector<std::string>& args);
int run_search_command(const std::vector<std::string>& args);
int run_lint_command(const std::vector<std::string>& args);
int run_keygen_command(const std::vector<std::string>& args);
int run_sign_command(const std::vector<std::string>& args);
int run_verify_command(const std::vector<std::string>& args);

}  // namespace kiosk::pack
