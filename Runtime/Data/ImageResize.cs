using System;

namespace Generated.Data;

/// <summary>
/// Resizes an interleaved 8-bit image to float32 HWC with TensorFlow's <c>tf.image.resize</c> rules
/// (half-pixel centres, no antialiasing), which is what Keras' <c>image_dataset_from_directory</c> uses.
/// </summary>
internal static class ImageResize
{
    public static void Resize(
        ReadOnlySpan<byte> source, int sourceHeight, int sourceWidth, int channels,
        Span<float> target, int targetHeight, int targetWidth, Interpolation interpolation)
    {
        float scaleY = (float)sourceHeight / targetHeight;
        float scaleX = (float)sourceWidth / targetWidth;
        if (interpolation == Interpolation.Nearest)
        {
            for (int y = 0; y < targetHeight; y++)
            {
                int sy = Math.Min((int)MathF.Floor((y + 0.5f) * scaleY), sourceHeight - 1);
                for (int x = 0; x < targetWidth; x++)
                {
                    int sx = Math.Min((int)MathF.Floor((x + 0.5f) * scaleX), sourceWidth - 1);
                    int from = ((sy * sourceWidth) + sx) * channels;
                    int to = ((y * targetWidth) + x) * channels;
                    for (int c = 0; c < channels; c++)
                    {
                        target[to + c] = source[from + c];
                    }
                }
            }

            return;
        }

        for (int y = 0; y < targetHeight; y++)
        {
            Sample(y, scaleY, sourceHeight, out int y0, out int y1, out float wy);
            for (int x = 0; x < targetWidth; x++)
            {
                Sample(x, scaleX, sourceWidth, out int x0, out int x1, out float wx);
                int to = ((y * targetWidth) + x) * channels;
                for (int c = 0; c < channels; c++)
                {
                    float top = Lerp(source[(((y0 * sourceWidth) + x0) * channels) + c], source[(((y0 * sourceWidth) + x1) * channels) + c], wx);
                    float bottom = Lerp(source[(((y1 * sourceWidth) + x0) * channels) + c], source[(((y1 * sourceWidth) + x1) * channels) + c], wx);
                    target[to + c] = Lerp(top, bottom, wy);
                }
            }
        }
    }

    // The two source positions around output position i and the weight of the second one.
    private static void Sample(int i, float scale, int sourceSize, out int lower, out int upper, out float weight)
    {
        float position = ((i + 0.5f) * scale) - 0.5f;
        float floor = MathF.Floor(position);
        weight = position - floor;
        lower = Math.Clamp((int)floor, 0, sourceSize - 1);
        upper = Math.Clamp((int)floor + 1, 0, sourceSize - 1);
    }

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);
}
