// parley-config-doc: prints docs/CONFIGURATION.md from the variable registry.
#include <cstdio>

#include "parley/tracing/config.h"

int main() {
  const std::string text = parley::tracing::registry_markdown();
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
