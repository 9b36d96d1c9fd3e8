# cmake/ExportProducer.cmake — installs the public producer API (headers + payq_producer) with a
# CMake package, so another program can `find_package(payq)` and link `payq::producer`.
include(CMakePackageConfigHelpers)
set_target_properties(payq_producer PROPERTIES EXPORT_NAME producer)
install(TARGETS payq_producer EXPORT payqTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/payq DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT payqTargets NAMESPACE payq:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/payq)
configure_package_config_file(cmake/payqConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/payqConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/payq)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/payqConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/payqConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/payqConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/payq)
