// No service manager to tell (a build without libsystemd).
#include "firmware/service/service.h"

namespace kiosk::firmware::service {

void ready() {}
void alive() {}
std::int64_t watchdog_interval_ms() { return 0; }
void status(const char* text) { (void)text; }

}  // namespace kiosk::firmware::service
