/*
 * check_predictions.c - links libgenerated_mnist, checks its predictions against the managed model's and checks
 * that every kind of bad input comes back as an error code with a message (never a crash).
 *
 *   gcc -std=c11 -Wall -Wextra -Werror -O2 -I<lib>/include check_predictions.c -L<lib> -lgenerated_mnist \
 *       -Wl,-rpath,<lib> -lpthread -o check_predictions
 *   ./check_predictions <weights.safetensors> <fixture folder> <scratch folder>
 *
 * The fixture folder holds raw little-endian float32 files written by Tests/Generated.Embedding.Tests:
 * digits.f32 (n images of 784 pixels, 0..1), labels.f32 (n digits) and scores.f32 (n x 10 managed scores).
 * Prints "ok: <check>" or "FAIL: <check>: <why>" per check and exits 0 only when every check passed.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "generated_mnist.h"

static double now_us(void)
{
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return time.tv_sec * 1e6 + time.tv_nsec / 1e3;
}

static int failures = 0;
static int checks = 0;

static void report(const char *name, int passed, const char *detail)
{
    checks++;
    if (passed) {
        printf("ok: %s: %s\n", name, detail);
    } else {
        failures++;
        printf("FAIL: %s: %s\n", name, detail);
    }
}

/* Checks that a call failed with the expected status and left a non-empty message containing `needle`. */
static void expect_error(const char *name, gm_status actual, gm_status expected, const char *needle)
{
    const char *message = gm_last_error();
    char detail[1024];
    snprintf(detail, sizeof detail, "status %d (expected %d), message \"%s\"", (int)actual, (int)expected, message);
    report(name, actual == expected && message[0] != '\0' && strstr(message, needle) != NULL, detail);
}

static void *read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    void *data = malloc(size > 0 ? (size_t)size : 1);
    if (data == NULL || fread(data, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(file);
    *length = (size_t)size;
    return data;
}

static float *read_floats(const char *folder, const char *name, size_t *count)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    size_t length;
    float *values = read_file(path, &length);
    *count = length / sizeof(float);
    return values;
}

static void write_file(const char *path, const void *data, size_t length)
{
    FILE *file = fopen(path, "wb");
    if (file == NULL || fwrite(data, 1, length, file) != length) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
    fclose(file);
}

static float max_difference(const float *a, const float *b, size_t count)
{
    float worst = 0;
    for (size_t i = 0; i < count; i++) {
        float difference = fabsf(a[i] - b[i]);
        if (difference > worst) {
            worst = difference;
        }
    }
    return worst;
}

static size_t argmax(const float *scores, size_t count)
{
    size_t best = 0;
    for (size_t k = 1; k < count; k++) {
        if (scores[k] > scores[best]) {
            best = k;
        }
    }
    return best;
}

/* Concurrent predictions on one network: the library serializes them; each thread must get the reference scores. */
struct worker {
    gm_network *network;
    const float *digits;
    const float *expected;
    size_t count;
    int mismatches;
};

static void *predict_repeatedly(void *argument)
{
    struct worker *worker = argument;
    size_t out_length = worker->count * gm_output_size();
    float *scores = malloc(out_length * sizeof(float));
    for (int round = 0; round < 20; round++) {
        if (gm_network_predict(worker->network, worker->digits, worker->count * gm_input_size(), scores, out_length) != GM_OK
            || max_difference(scores, worker->expected, out_length) > 1e-4f) {
            worker->mismatches++;
        }
    }
    free(scores);
    return NULL;
}

/* Another thread's failure must not change this thread's last error. */
static void *fail_on_other_thread(void *argument)
{
    gm_network *network = NULL;
    *(gm_status *)argument = gm_network_create_from_file("/nonexistent/other-thread.safetensors", &network);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s <weights.safetensors> <fixture folder> <scratch folder>\n", argv[0]);
        return 2;
    }
    const char *weights_path = argv[1];
    const char *fixtures = argv[2];
    const char *scratch = argv[3];
    const size_t in_size = gm_input_size();
    const size_t out_size = gm_output_size();
    char detail[1024];

    size_t pixel_count, label_count, score_count;
    float *digits = read_floats(fixtures, "digits.f32", &pixel_count);
    float *labels = read_floats(fixtures, "labels.f32", &label_count);
    float *expected = read_floats(fixtures, "scores.f32", &score_count);
    const size_t n = label_count;
    if (n == 0 || pixel_count != n * in_size || score_count != n * out_size) {
        fprintf(stderr, "fixture sizes do not fit: %zu pixels, %zu labels, %zu scores\n", pixel_count, label_count, score_count);
        return 2;
    }

    /* Shapes. */
    int32_t shape[4] = {0};
    size_t rank = 0;
    gm_status status = gm_input_shape(shape, 4, &rank);
    snprintf(detail, sizeof detail, "input %zu floats [%d, %d, %d], output %zu", in_size, shape[0], shape[1], shape[2], out_size);
    int shapes_ok = status == GM_OK && rank == 3 && shape[0] == 28 && shape[1] == 28 && shape[2] == 1 && in_size == 784;
    status = gm_output_shape(shape, 4, &rank);
    report("shapes", shapes_ok && status == GM_OK && rank == 1 && shape[0] == 10 && out_size == 10, detail);
    expect_error("shape capacity too small", gm_input_shape(shape, 2, &rank), GM_ERROR_BAD_LENGTH, "capacity is 2");

    /* Predictions from a file. */
    gm_network *network = NULL;
    double load_start = now_us();
    status = gm_network_create_from_file(weights_path, &network);
    double load_end = now_us();
    snprintf(detail, sizeof detail, "status %d", (int)status);
    report("create from file", status == GM_OK && network != NULL, detail);
    if (network == NULL) {
        return 1;
    }
    float *scores = malloc(n * out_size * sizeof(float));
    status = gm_network_predict(network, digits, n * in_size, scores, n * out_size);
    size_t correct = 0;
    for (size_t i = 0; i < n; i++) {
        correct += argmax(scores + i * out_size, out_size) == (size_t)labels[i];
    }
    float difference = max_difference(scores, expected, n * out_size);
    snprintf(detail, sizeof detail, "%zu digits, %zu labels right, max |score - managed| %.1e", n, correct, (double)difference);
    report("predictions match", status == GM_OK && difference <= 1e-4f && correct == n, detail);

    /* Latency of one digit after the first call (the first one also pays for the runtime's lazy set-up). */
    float one_scores[10];
    double first_start = now_us();
    gm_network_predict(network, digits, in_size, one_scores, out_size);
    double timed_start = now_us();
    for (int i = 0; i < 200; i++) {
        gm_network_predict(network, digits, in_size, one_scores, out_size);
    }
    printf("timing: create from file %.0f us, first one-digit prediction %.0f us, then %.0f us per digit (mean of 200)\n",
           load_end - load_start, timed_start - first_start, (now_us() - timed_start) / 200);

    /* Predictions from a memory buffer. */
    size_t weights_length;
    unsigned char *weights = read_file(weights_path, &weights_length);
    gm_network *from_memory = NULL;
    status = gm_network_create_from_memory(weights, weights_length, &from_memory);
    float *memory_scores = malloc(n * out_size * sizeof(float));
    gm_status predicted = status == GM_OK ? gm_network_predict(from_memory, digits, n * in_size, memory_scores, n * out_size) : status;
    difference = max_difference(memory_scores, expected, n * out_size);
    snprintf(detail, sizeof detail, "status %d, max |score - managed| %.1e", (int)predicted, (double)difference);
    report("create from memory", predicted == GM_OK && difference <= 1e-4f, detail);
    gm_network_free(from_memory);

    /* Bad paths and corrupt weights. */
    gm_network *bad = (gm_network *)&bad;
    expect_error("bad path", gm_network_create_from_file("/nonexistent/folder/weights.safetensors", &bad), GM_ERROR_FILE_NOT_FOUND, "nonexistent");
    report("bad path leaves network NULL", bad == NULL, "network set to NULL on failure");
    expect_error("directory path", gm_network_create_from_file(scratch, &bad), GM_ERROR_FILE_NOT_FOUND, "weight");

    char corrupt_path[4096];
    snprintf(corrupt_path, sizeof corrupt_path, "%s/corrupt.safetensors", scratch);
    const char garbage[] = "this is not a safetensors file, just some text of more than eight bytes";
    write_file(corrupt_path, garbage, sizeof garbage);
    expect_error("corrupt file", gm_network_create_from_file(corrupt_path, &bad), GM_ERROR_INVALID_WEIGHTS, "corrupt.safetensors");

    char truncated_path[4096];
    snprintf(truncated_path, sizeof truncated_path, "%s/truncated.safetensors", scratch);
    write_file(truncated_path, weights, weights_length / 2);
    expect_error("truncated file", gm_network_create_from_file(truncated_path, &bad), GM_ERROR_INVALID_WEIGHTS, "truncated");

    expect_error("corrupt memory", gm_network_create_from_memory(garbage, sizeof garbage, &bad), GM_ERROR_INVALID_WEIGHTS, "safetensors");
    expect_error("truncated memory", gm_network_create_from_memory(weights, weights_length - 100, &bad), GM_ERROR_INVALID_WEIGHTS, "truncated");
    expect_error("empty memory", gm_network_create_from_memory(weights, 0, &bad), GM_ERROR_INVALID_WEIGHTS, "8-byte header");

    /* Wrong buffer lengths. */
    float one_output[10];
    expect_error("input length", gm_network_predict(network, digits, in_size - 1, one_output, out_size), GM_ERROR_BAD_LENGTH, "multiple of 784");
    expect_error("empty input", gm_network_predict(network, digits, 0, one_output, out_size), GM_ERROR_BAD_LENGTH, "input_length is 0");
    expect_error("output length", gm_network_predict(network, digits, in_size, one_output, out_size - 1), GM_ERROR_BAD_LENGTH, "exactly 10");
    expect_error("output length of another batch", gm_network_predict(network, digits, 2 * in_size, one_output, out_size), GM_ERROR_BAD_LENGTH, "exactly 20");

    /* Null pointers. */
    expect_error("null path", gm_network_create_from_file(NULL, &bad), GM_ERROR_NULL_ARGUMENT, "path is NULL");
    expect_error("null out network", gm_network_create_from_file(weights_path, NULL), GM_ERROR_NULL_ARGUMENT, "network is NULL");
    expect_error("null data", gm_network_create_from_memory(NULL, 10, &bad), GM_ERROR_NULL_ARGUMENT, "data is NULL");
    expect_error("null network", gm_network_predict(NULL, digits, in_size, one_output, out_size), GM_ERROR_NULL_ARGUMENT, "network is NULL");
    expect_error("null input", gm_network_predict(network, NULL, in_size, one_output, out_size), GM_ERROR_NULL_ARGUMENT, "input is NULL");
    expect_error("null output", gm_network_predict(network, digits, in_size, NULL, out_size), GM_ERROR_NULL_ARGUMENT, "output is NULL");
    expect_error("null shape", gm_output_shape(NULL, 4, &rank), GM_ERROR_NULL_ARGUMENT, "shape is NULL");

    /* Non-finite input: rejected with a message, output untouched. */
    float *poisoned = malloc(in_size * sizeof(float));
    memcpy(poisoned, digits, in_size * sizeof(float));
    for (size_t k = 0; k < out_size; k++) {
        one_output[k] = -1.0f;
    }
    poisoned[300] = NAN;
    expect_error("NaN input", gm_network_predict(network, poisoned, in_size, one_output, out_size), GM_ERROR_NON_FINITE_INPUT, "input[300] (sample 0, pixel 300) is NaN");
    poisoned[300] = 0.5f;
    poisoned[5] = INFINITY;
    expect_error("infinite input", gm_network_predict(network, poisoned, in_size, one_output, out_size), GM_ERROR_NON_FINITE_INPUT, "is Infinity");
    poisoned[5] = -INFINITY;
    expect_error("negative infinite input", gm_network_predict(network, poisoned, in_size, one_output, out_size), GM_ERROR_NON_FINITE_INPUT, "is -Infinity");
    report("output unchanged on failure", one_output[0] == -1.0f && one_output[9] == -1.0f, "the caller's output buffer still holds its sentinel");

    /* Threads: concurrent predictions on one network; errors are per thread. */
    expect_error("threads below 1", gm_set_max_threads(0), GM_ERROR_INVALID_ARGUMENT, "at least 1");
    struct worker workers[4];
    pthread_t threads[4];
    for (int t = 0; t < 4; t++) {
        workers[t] = (struct worker){network, digits, expected, n, 0};
        pthread_create(&threads[t], NULL, predict_repeatedly, &workers[t]);
    }
    int mismatches = 0;
    for (int t = 0; t < 4; t++) {
        pthread_join(threads[t], NULL);
        mismatches += workers[t].mismatches;
    }
    snprintf(detail, sizeof detail, "4 threads x 20 batches on one network, %d mismatches", mismatches);
    report("concurrent predictions", mismatches == 0, detail);

    char before[1024];
    snprintf(before, sizeof before, "%s", gm_last_error());
    gm_status other_status = GM_OK;
    pthread_t other;
    pthread_create(&other, NULL, fail_on_other_thread, &other_status);
    pthread_join(other, NULL);
    snprintf(detail, sizeof detail, "other thread got %d; this thread's message still \"%s\"", (int)other_status, gm_last_error());
    report("errors are per thread", other_status == GM_ERROR_FILE_NOT_FOUND && strcmp(before, gm_last_error()) == 0, detail);

    /* Free. */
    report("free", gm_network_free(network) == GM_OK, "live network freed");
    expect_error("freed network", gm_network_predict(network, digits, in_size, one_output, out_size), GM_ERROR_INVALID_HANDLE, "not a live network");
    expect_error("double free", gm_network_free(network), GM_ERROR_INVALID_HANDLE, "not a live network");
    report("free NULL", gm_network_free(NULL) == GM_OK, "freeing NULL does nothing");

    free(poisoned);
    free(memory_scores);
    free(scores);
    free(weights);
    free(expected);
    free(labels);
    free(digits);
    printf("%d of %d checks passed\n", checks - failures, checks);
    return failures == 0 ? 0 : 1;
}
