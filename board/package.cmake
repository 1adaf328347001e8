# The Debian package (CPack, DEB generator): the kiosk and kioskpack, the factory content
# release, the fallback fonts and their licences, the systemd units, udev and polkit rules and
# helper scripts of board/rpi, and a default config under /etc. Built with
#   cmake --build --preset release --target package        (amd64, this machine)
#   cmake --build --preset rpi-release --target package    (arm64, for the Raspberry Pi)
# Runtime library dependencies are found by dpkg-shlibdeps from the binaries themselves
# (kioskpack's libzip4, libpugixml1v5 and libpoppler-cpp0v5 for .docx and PDF sources too).
set(_rpi "${PROJECT_SOURCE_DIR}/board/rpi")

install(TARGETS kiosk kioskpack RUNTIME DESTINATION bin)
install(FILES "${KIOSK_FACTORY_CONTENT}" DESTINATION share/kiosk)
install(FILES "${KIOSK_FONT_CJK}" "${KIOSK_FONT_MONGOLIAN}" DESTINATION share/kiosk/fonts)
install(FILES "${PROJECT_SOURCE_DIR}/fonts/licenses/OFL-NotoSansCJK.txt"
              "${PROJECT_SOURCE_DIR}/fonts/licenses/OFL-NotoSansMongolian.txt"
              "${PROJECT_SOURCE_DIR}/fonts/README.md"
        DESTINATION share/doc/kiosk)
install(FILES "${_rpi}/README.md" DESTINATION share/doc/kiosk RENAME README.device.md)
file(GLOB _boot "${_rpi}/boot/*")
install(FILES ${_boot} DESTINATION share/doc/kiosk/boot)
install(FILES "${_rpi}/kiosk.toml" DESTINATION /etc/kiosk)
install(PROGRAMS "${_rpi}/bin/kiosk-usb-mount" "${_rpi}/bin/kiosk-usb-remount"
        DESTINATION lib/kiosk)
file(GLOB _units "${_rpi}/systemd/*.service")
install(FILES ${_units} DESTINATION /lib/systemd/system)
install(FILES "${_rpi}/udev/90-kiosk-usb.rules" DESTINATION /lib/udev/rules.d)
if(EXISTS "${_rpi}/polkit/50-kiosk.rules")
  install(FILES "${_rpi}/polkit/50-kiosk.rules" DESTINATION share/polkit-1/rules.d)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kiosk)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "Exhibition kiosk team <kiosk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Touchscreen kiosk for Inner Mongolia's policy documents (Chinese and Mongolian)")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What the units, rules and scripts use (the libraries come from dpkg-shlibdeps).
# polkitd and dbus: the statistics export asks systemd (through polkit) to remount the stick.
# libpinyin-data: the search screen's pinyin model, opened by path (firmware/pinyin); libpinyin15
# depends on it too, but the kiosk names the path, so it says so itself.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "systemd, udev, util-linux, passwd, polkitd, dbus, libpinyin-data")
if(CMAKE_CROSSCOMPILING AND CMAKE_SYSTEM_PROCESSOR STREQUAL "aarch64")
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
endif()
# The config is the hall's: upgrades keep their changes (dpkg asks before replacing it).
file(WRITE "${CMAKE_BINARY_DIR}/debian/conffiles" "/etc/kiosk/kiosk.toml\n")
foreach(script postinst prerm postrm)
  if(EXISTS "${_rpi}/debian/${script}")
    configure_file("${_rpi}/debian/${script}" "${CMAKE_BINARY_DIR}/debian/${script}" COPYONLY
                   FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                                    GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
    list(APPEND _control_extra "${CMAKE_BINARY_DIR}/debian/${script}")
  endif()
endforeach()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_BINARY_DIR}/debian/conffiles;${_control_extra}")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
