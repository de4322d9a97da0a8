// The guided tour: one lesson per isolation mechanism (the seven namespaces; cgroups for CPU,
// memory, block IO, network and devices; seccomp; capabilities; LSM profiles; the read-only
// root; overlay layers; user namespaces), the containers-versus-VMs comparison and "reading
// the numbers". Each lesson is a few steps; a step says something and may act: create a
// container from a preset, run an experiment in it, or point at the map or a chart.
// QML-free and translated through QCoreApplication::translate.
#pragma once

#include <QList>
#include <QString>

namespace isolde::teaching {

enum class StepAction {
    Read,       // only text
    Create,     // create and start the lesson's container from presetSpec(argument)
    Experiment, // run experiment `argument` in the lesson's container
    Relaxed,    // run experiment `argument` in a twin with its mechanism relaxed
    Map,        // show the spec-to-kernel map, rows of group `argument`
    Chart,      // show the chart of metric `argument` (ContainerHistory's metric names)
    Measure,    // time Create + Start of a container through the helper
};

QString stepActionId(StepAction action); // "read", "create", ...

struct LessonStep
{
    QString text; // translated
    StepAction action = StepAction::Read;
    QString argument;
};

struct Lesson
{
    QString id;
    QString title;   // translated
    QString summary; // translated, one or two sentences
    QList<LessonStep> steps;
};

const QList<Lesson> &lessons();

} // namespace isolde::teaching
