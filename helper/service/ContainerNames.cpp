#include "ContainerNames.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <array>

namespace isolde::service {

namespace {

// A few of Docker's own (moby/pkg/namesgenerator), so that names look familiar.
constexpr std::array Adjectives = {
    "admiring", "amazing", "blissful", "bold",     "brave",   "clever", "compassionate",
    "dazzling", "eager",   "elastic",  "focused",  "gallant", "gifted", "happy",
    "hopeful",  "jolly",   "keen",     "loving",   "modest",  "nifty",  "optimistic",
    "peaceful", "quirky",  "relaxed",  "serene",   "sharp",   "stoic",  "tender",
    "upbeat",   "vibrant", "wizardly", "youthful", "zealous", "zen",
};
constexpr std::array Scientists = {
    "agnesi",  "archimedes", "babbage", "bohr",     "curie",    "darwin",  "dijkstra", "einstein",
    "euler",   "faraday",    "fermat",  "feynman",  "gauss",    "goodall", "hamilton", "hopper",
    "hypatia", "johnson",    "kepler",  "lamarr",   "lovelace", "maxwell", "meitner",  "noether",
    "pasteur", "ritchie",    "shannon", "thompson", "torvalds", "turing",  "wozniak",  "yalow",
};

} // namespace

Expected<void> checkContainerName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"));
    if (name.size() > MaxContainerNameLength)
        return Error{QStringLiteral("name"),
                     QStringLiteral("is %1 characters long; at most %2 are allowed")
                         .arg(name.size())
                         .arg(MaxContainerNameLength)};
    if (!valid.match(name).hasMatch())
        return Error{QStringLiteral("name"),
                     QStringLiteral("\"%1\" is not a container name: it must match "
                                    "[a-zA-Z0-9][a-zA-Z0-9_.-]*")
                         .arg(name.left(64))};
    return {};
}

QString makeUpContainerName(const std::function<bool(const QString &)> &taken)
{
    auto *random = QRandomGenerator::global();
    for (int attempt = 0;; ++attempt) {
        QString name = QStringLiteral("%1_%2").arg(
            QLatin1String(Adjectives[random->bounded(int(Adjectives.size()))]),
            QLatin1String(Scientists[random->bounded(int(Scientists.size()))]));
        // Docker appends a digit once the plain names collide; so do we, after a few tries.
        if (attempt >= 8)
            name += QString::number(random->bounded(1000));
        if (!taken(name))
            return name;
    }
}

} // namespace isolde::service
