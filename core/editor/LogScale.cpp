#include "editor/LogScale.h"

#include <cmath>

double LogScale::toSlider(double value, double min, double max)
{
    if (!(min > 0) || !(max > min) || value <= min)
        return 0;
    if (value >= max)
        return 1;
    return std::log(value / min) / std::log(max / min);
}

double LogScale::fromSlider(double position, double min, double max)
{
    // The ends are returned as given, not through exp(log()), so that a slider at its end
    // gives exactly the limit a person expects (6 MiB, not 6291455.999 bytes).
    if (position <= 0 || !(min > 0) || !(max > min))
        return min;
    if (position >= 1)
        return max;
    return min * std::exp(position * std::log(max / min));
}
