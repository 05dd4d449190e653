/*
 * generated_mnist.h - C API of libgenerated_mnist, the MNIST convnet of Samples/Mnist compiled with NativeAOT.
 *
 * Build the library:  dotnet publish Samples/NativeLibrary -c Release -r linux-x64 -o out
 * Link against it:    gcc app.c -Iout/include -Lout -lgenerated_mnist -Wl,-rpath,'$ORIGIN'
 *
 * Conventions
 *  - Every function that can fail returns a gm_status; GM_OK (0) is success. On failure, gm_last_error()
 *    returns a message for the calling thread. No function ever lets an exception escape or aborts the process
 *    on bad input.
 *  - Buffers passed in are owned by the caller and only read (or written) during the call; the library keeps
 *    no pointer to them. A gm_network is owned by the caller from create until gm_network_free.
 *  - Threads: every function may be called from any thread. Calls on the same network are serialized by the
 *    library (one prediction at a time per network); create one network per thread to predict in parallel.
 *  - Images are 28x28x1 float32, row-major (height, width, channels), pixel values 0..1 (MNIST's 0..255 / 255),
 *    white digit on black. Scores are softmax probabilities of the digits 0-9.
 */
#ifndef GENERATED_MNIST_H
#define GENERATED_MNIST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes. Keep in step with Samples/NativeLibrary/Status.cs. */
typedef enum gm_status {
    GM_OK = 0,                      /**< Success. */
    GM_ERROR_NULL_ARGUMENT = 1,     /**< A pointer that must not be NULL was NULL. */
    GM_ERROR_BAD_LENGTH = 2,        /**< A buffer length does not fit the input/output size (see gm_network_predict). */
    GM_ERROR_FILE_NOT_FOUND = 3,    /**< The weights file does not exist or cannot be read. */
    GM_ERROR_INVALID_WEIGHTS = 4,   /**< Not a safetensors file of this network: corrupt, truncated or wrong tensors. */
    GM_ERROR_NON_FINITE_INPUT = 5,  /**< An input value is NaN or +/-infinity; nothing was predicted. */
    GM_ERROR_INVALID_HANDLE = 6,    /**< The network was never created or was already freed. */
    GM_ERROR_INVALID_ARGUMENT = 7,  /**< An argument is out of range (e.g. a thread count below 1). */
    GM_ERROR_INTERNAL = 99          /**< Anything else (e.g. out of memory); the message says what. */
} gm_status;

/** An opaque network with its weights. Not a real pointer: never dereference it. */
typedef struct gm_network gm_network;

/**
 * Creates a network and loads its weights from a safetensors file (as written by Samples/Mnist).
 * @param path     UTF-8 file path.
 * @param network  Receives the new network on success, NULL on failure.
 * @return GM_OK; GM_ERROR_NULL_ARGUMENT, GM_ERROR_FILE_NOT_FOUND, GM_ERROR_INVALID_WEIGHTS.
 */
gm_status gm_network_create_from_file(const char *path, gm_network **network);

/**
 * Creates a network from the bytes of a safetensors file already in memory (e.g. a game's packed asset).
 * The bytes are only read during the call (the weights are decoded into the network); the caller may free them
 * as soon as this returns.
 * @param data     The file's bytes.
 * @param length   Their number.
 * @param network  Receives the new network on success, NULL on failure.
 * @return GM_OK; GM_ERROR_NULL_ARGUMENT, GM_ERROR_BAD_LENGTH, GM_ERROR_INVALID_WEIGHTS.
 */
gm_status gm_network_create_from_memory(const void *data, size_t length, gm_network **network);

/**
 * Predicts a batch: input holds n images one after another, output receives n * gm_output_size() scores.
 * @param network        A live network.
 * @param input          n * gm_input_size() floats, every one finite.
 * @param input_length   Its length in floats: a positive multiple of gm_input_size().
 * @param output         The caller's buffer for the scores.
 * @param output_length  Its length in floats: exactly (input_length / gm_input_size()) * gm_output_size().
 * @return GM_OK; GM_ERROR_NULL_ARGUMENT, GM_ERROR_INVALID_HANDLE, GM_ERROR_BAD_LENGTH, GM_ERROR_NON_FINITE_INPUT.
 *         On failure the output buffer is left unchanged.
 */
gm_status gm_network_predict(gm_network *network, const float *input, size_t input_length,
                             float *output, size_t output_length);

/**
 * Frees a network. Freeing NULL does nothing; freeing a network twice returns GM_ERROR_INVALID_HANDLE.
 * A prediction still running on another thread finishes normally.
 */
gm_status gm_network_free(gm_network *network);

/** Floats per input image: 784 (28 * 28 * 1). */
size_t gm_input_size(void);

/** Scores per image: 10. */
size_t gm_output_size(void);

/**
 * Writes the input image's shape {28, 28, 1} (height, width, channels).
 * @param shape     Array of at least *rank dimensions.
 * @param capacity  Its length.
 * @param rank      If not NULL, receives the number of dimensions (3), even when capacity is too small.
 * @return GM_OK; GM_ERROR_NULL_ARGUMENT, GM_ERROR_BAD_LENGTH.
 */
gm_status gm_input_shape(int32_t *shape, size_t capacity, size_t *rank);

/** Writes the output shape {10}; arguments as gm_input_shape. */
gm_status gm_output_shape(int32_t *shape, size_t capacity, size_t *rank);

/**
 * Sets the most threads one prediction uses, process-wide (default: all cores; 1 keeps the work on the calling
 * thread, which a game engine's job system usually wants).
 * @return GM_OK; GM_ERROR_INVALID_ARGUMENT when threads < 1.
 */
gm_status gm_set_max_threads(int32_t threads);

/**
 * The message of the calling thread's most recent failed call (UTF-8, NUL-terminated; "" before any failure).
 * Successful calls leave it unchanged. Owned by the library: do not free it; it stays valid until the next
 * failing call on the same thread.
 */
const char *gm_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* GENERATED_MNIST_H */
