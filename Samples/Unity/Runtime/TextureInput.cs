using System;
using UnityEngine;

namespace Generated.Unity
{
    /// <summary>
    /// Turns a Unity texture into a network's input: one grey level in [0, 1] per pixel, rows top to bottom as the
    /// networks are trained (Unity's <c>GetPixels</c> starts at the bottom-left corner). C# 9, like Unity's compiler.
    /// </summary>
    public static class TextureInput
    {
        /// <summary>
        /// Writes the grey levels of <paramref name="texture"/> (its size must be <paramref name="width"/> x
        /// <paramref name="height"/>, and it must be readable) into <paramref name="destination"/>, top row first.
        /// </summary>
        public static void Grayscale(Texture2D texture, int width, int height, Span<float> destination)
        {
            if (texture == null)
            {
                throw new ArgumentNullException(nameof(texture));
            }
            if (texture.width != width || texture.height != height)
            {
                throw new ArgumentException($"The texture is {texture.width}x{texture.height}; the network takes {width}x{height} pixels.", nameof(texture));
            }
            if (destination.Length != width * height)
            {
                throw new ArgumentException($"The destination holds {destination.Length} floats; {width}x{height} pixels need {width * height}.", nameof(destination));
            }
            var pixels = texture.GetPixels();
            for (var y = 0; y < height; y++)
            {
                var row = pixels.AsSpan((height - 1 - y) * width, width);
                for (var x = 0; x < width; x++)
                {
                    var grey = (row[x].r + row[x].g + row[x].b) / 3f;
                    if (float.IsNaN(grey) || grey < 0f || grey > 1f)
                    {
                        throw new ArgumentException($"Pixel ({x}, {y}) has the grey level {grey}; colours must be in [0, 1].", nameof(texture));
                    }
                    destination[y * width + x] = grey;
                }
            }
        }
    }
}
