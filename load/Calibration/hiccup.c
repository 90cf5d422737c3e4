// Does a thread that wakes every millisecond get a core when it asks? Sleeps 1 ms in a loop for SECONDS and prints
// the longest oversleep and how many exceeded 5 ms: the wait the load generator's schedule thread, which wakes the
// same way, has behind the engine's and its own threads (BENCHMARKS.md, "A slower host"). Run it beside a `bench`:
//   gcc -O2 -o /tmp/hiccup load/Calibration/hiccup.c && /tmp/hiccup 200
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: hiccup SECONDS\n"); return 2; }
    double seconds = atof(argv[1]), start = now(), last = start, max = 0;
    long over5 = 0;
    struct timespec ms = {0, 1000000};
    while (last - start < seconds)
    {
        nanosleep(&ms, NULL);
        double t = now(), late = (t - last) * 1000 - 1;
        if (late > max) max = late;
        if (late > 5) over5++;
        last = t;
    }
    printf("longest oversleep %.1f ms, %ld over 5 ms\n", max, over5);
    return 0;
}
