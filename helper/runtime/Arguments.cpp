#include "Arguments.h"

#include <cstdio>

namespace isolde::runtime {

Expected<Arguments> parseArguments(const QStringList &args, const Syntax &syntax)
{
    Arguments parsed;
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString arg = args[i];
        if (syntax.restAfter >= 0 && parsed.positional.size() == syntax.restAfter) {
            parsed.rest = args.mid(i);
            if (!parsed.rest.isEmpty() && parsed.rest.first() == QLatin1String("--"))
                parsed.rest.removeFirst();
            break;
        }
        if (arg == QLatin1String("--")) {
            parsed.rest = args.mid(i + 1);
            break;
        }
        if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-")) {
            parsed.positional.append(arg);
            continue;
        }
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = arg.indexOf(QLatin1Char('=')); eq > 0) {
            value = arg.mid(eq + 1);
            arg = arg.left(eq);
            hasValue = true;
        }
        arg = syntax.aliases.value(arg, arg);
        if (syntax.boolean.contains(arg) && !hasValue) {
            parsed.flags.insert(arg);
        } else if (syntax.valued.contains(arg)) {
            if (!hasValue) {
                if (++i >= args.size())
                    return Error{arg, QStringLiteral("needs a value")};
                value = args[i];
            }
            parsed.options.insert(arg, value);
        } else {
            return Error{arg, QStringLiteral("unknown option")};
        }
    }
    return parsed;
}

Expected<QString> singleId(const Arguments &parsed)
{
    if (parsed.positional.size() != 1)
        return Error{QStringLiteral("id"),
                     parsed.positional.isEmpty()
                         ? QStringLiteral("a container id is needed")
                         : QStringLiteral("one container id expected, got %1")
                               .arg(parsed.positional.join(QLatin1Char(' ')))};
    return parsed.positional.first();
}

Expected<QString> idArgument(const QStringList &args)
{
    auto parsed = parseArguments(args, {});
    if (!parsed)
        return parsed.error();
    return singleId(parsed.value());
}

void print(const QByteArray &text)
{
    std::fwrite(text.constData(), 1, std::size_t(text.size()), stdout);
    std::fflush(stdout);
}

} // namespace isolde::runtime
