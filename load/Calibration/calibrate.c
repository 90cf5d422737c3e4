// Is the machine itself slower now? Beside a `bench`, once every INTERVAL seconds for N samples, prints the UTC time,
// the CPU time of one dependent load in a pointer chase through 16 MB (ns; memory) and of one iteration of a
// register-only loop (ns; the core). Both are timed by the thread's own CPU clock, so time spent waiting for a core
// does not count: at the lowest priority it measures the cores' speed without taking them from the engine
// (BENCHMARKS.md, "Requests on the socket threads"). C, not C#: no JIT tiering or collector in what it times.
//   gcc -O2 -o /tmp/calibrate load/Calibration/calibrate.c && nice -n 19 /tmp/calibrate 900 1 > calibration.txt
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: calibrate SAMPLES INTERVAL_SECONDS\n"); return 2; }
    int samples = atoi(argv[1]);
    double interval = atof(argv[2]);

    // One random cycle through 2 Mi slots (16 MB): every load depends on the one before and misses the caches.
    size_t n = 2 * 1024 * 1024;
    size_t *next = malloc(n * sizeof(size_t));
    if (next == NULL) return 1;
    for (size_t i = 0; i < n; i++) next[i] = i;
    srand(1);
    for (size_t i = n - 1; i > 0; i--)
    {
        size_t j = ((size_t)rand() * RAND_MAX + rand()) % i;
        size_t t = next[i]; next[i] = next[j]; next[j] = t;
    }

    size_t p = 0;
    uint64_t h = 1;
    for (int s = 0; s < samples; s++)
    {
        const long loads = 300000, iterations = 5000000;
        double t0 = cpu_seconds();
        for (long k = 0; k < loads; k++) p = next[p];
        double t1 = cpu_seconds();
        for (long k = 0; k < iterations; k++) { h ^= h << 13; h ^= h >> 7; h ^= h << 17; }
        double t2 = cpu_seconds();

        struct timespec wall;
        clock_gettime(CLOCK_REALTIME, &wall);
        struct tm *utc = gmtime(&wall.tv_sec);
        // The last column keeps both loops' results alive, so the compiler cannot drop them.
        printf("%02d:%02d:%02d chase %.1f alu %.3f %d\n", utc->tm_hour, utc->tm_min, utc->tm_sec,
               (t1 - t0) / loads * 1e9, (t2 - t1) / iterations * 1e9, (int)((h ^ p) & 1));
        fflush(stdout);
        usleep((useconds_t)(interval * 1e6));
    }
    return 0;
}
