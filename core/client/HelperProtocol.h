// The names both ends of org.isolde.Helper1 agree on, beside the interface XML
// (resources/dbus/org.isolde.Helper1.xml), which fixes the methods and the JSON shapes.
#pragma once

namespace isolde::protocol {

inline constexpr char ServiceName[] = "org.isolde.Helper1";
inline constexpr char ObjectPath[] = "/org/isolde/Helper1";
inline constexpr char InterfaceName[] = "org.isolde.Helper1";

// D-Bus error names. InvalidArgument's message is Error::toString(): "<field>: <reason>",
// the field in JSON-path form ("linux.resources.memory.limit", "timeout_seconds").
inline constexpr char ErrorAccessDenied[] = "org.freedesktop.DBus.Error.AccessDenied";
inline constexpr char ErrorInvalidArgument[] = "org.isolde.Error.InvalidArgument";
inline constexpr char ErrorNoSuchContainer[] = "org.isolde.Error.NoSuchContainer";
inline constexpr char ErrorNoSuchImage[] = "org.isolde.Error.NoSuchImage";
inline constexpr char ErrorFailed[] = "org.isolde.Error.Failed";

} // namespace isolde::protocol
