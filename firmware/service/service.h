// Telling the service manager how the kiosk is doing: ready after the first frame, alive from
// the main loop (the watchdog). Which implementation is linked is chosen at build time: systemd's
// sd_notify where libsystemd is available (the device), nothing elsewhere.
#pragma once

#include <cstdint>

namespace kiosk::firmware::service {

// The first frame is on the screen.
void ready();
// The main loop is turning; call at least every watchdog_interval_ms().
void alive();
// How often alive() must be called, in milliseconds: half the service manager's watchdog
// period, or 0 when there is no watchdog.
[[nodiscard]] std::int64_t watchdog_interval_ms();
// What the service manager is told now, for `systemctl status` ("showing content version 3").
void status(const char* text);

}  // namespace kiosk::firmware::service
