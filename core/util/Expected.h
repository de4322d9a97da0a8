// A value or an error message, for every fallible call in core, the engine and the helper.
// C++20 has no std::expected; this is the small part of it we use.
#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace isolde {

// One failure, as a sentence a person understands. Where the failure belongs to a field of
// config.json (or a D-Bus argument, or a command-line flag), `field` names it in JSON-path
// form ("linux.resources.memory.limit", "process.args[0]").
struct Error
{
    QString field;
    QString reason;

    QString toString() const
    {
        return field.isEmpty() ? reason : field + QStringLiteral(": ") + reason;
    }
};

template<typename T>
class Expected
{
public:
    Expected(T value)
        : m_state(std::move(value))
    {}
    Expected(Error error)
        : m_state(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<T>(m_state); }
    const T &value() const & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// For calls that return nothing but may fail.
template<>
class Expected<void>
{
public:
    Expected() = default;
    Expected(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace isolde
