// The kiosk under systemd (Type=notify, WatchdogSec=): sd_notify from libsystemd. Outside a
// systemd service (no NOTIFY_SOCKET) every call is a cheap no-op, so a developer's run is the
// same program.
#include <systemd/sd-daemon.h>

#include "firmware/service/service.h"

namespace kiosk::firmware::service {

void ready() { sd_notify(0, "READY=1"); }

void alive() { sd_notify(0, "WATCHDOG=1"); }

std::int64_t watchdog_interval_ms() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0) return 0;
  return static_cast<std::int64_t>(usec / 2000);  // half the period, in ms
}

void status(const char* text) { sd_notifyf(0, "STATUS=%s", text); }

}  // namespace kiosk::firmware::service
