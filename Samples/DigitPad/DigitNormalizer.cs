namespace DigitPad;

/// <summary>
/// Turns a drawing into an MNIST-like 28x28 image, as MNIST was made: the ink's bounding box is scaled
/// (aspect ratio kept, area-averaged) to fit a 20x20 box, which is placed in the 28x28 image so that the
/// centre of mass of the ink falls on the image centre.
/// </summary>
public static class DigitNormalizer
{
    /// <summary>Side of the network's input image.</summary>
    public const int Side = 28;

    /// <summary>Side of the box the ink is scaled into (MNIST: 20).</summary>
    public const int Box = 20;

    /// <summary>Normalises a square grey-level drawing (0 = paper, 255 = ink) into 28x28 floats in [0, 1].</summary>
    /// <param name="ink">side*side bytes, row by row.</param>
    /// <param name="side">The drawing's side in pixels.</param>
    /// <returns>784 floats; all zero when there is no ink.</returns>
    /// <exception cref="ArgumentException">The byte count is not side*side.</exception>
    public static float[] Normalize(ReadOnlySpan<byte> ink, int side)
    {
        if (side <= 0 || ink.Length != side * side)
        {
            throw new ArgumentException($"A {side}x{side} drawing needs {side * side} bytes, got {ink.Length}.", nameof(ink));
        }
        var image = new float[Side * Side];
        if (!TryFindInk(ink, side, out var left, out var top, out var right, out var bottom))
        {
            return image;
        }
        var width = right - left + 1;
        var height = bottom - top + 1;
        var scale = (float)Box / Math.Max(width, height);
        var boxWidth = Math.Max(1, (int)MathF.Round(width * scale));
        var boxHeight = Math.Max(1, (int)MathF.Round(height * scale));
        var box = AreaAverage(ink, side, left, top, width, height, boxWidth, boxHeight);

        // Shift so the centre of mass lands on the image centre (clamped so the box stays inside).
        var (massX, massY) = CentreOfMass(box, boxWidth, boxHeight);
        var offsetX = Math.Clamp((int)MathF.Round(Side / 2f - massX), 0, Side - boxWidth);
        var offsetY = Math.Clamp((int)MathF.Round(Side / 2f - massY), 0, Side - boxHeight);
        for (var y = 0; y < boxHeight; y++)
        {
            for (var x = 0; x < boxWidth; x++)
            {
                image[(offsetY + y) * Side + offsetX + x] = box[y * boxWidth + x];
            }
        }
        return image;
    }

    private static bool TryFindInk(ReadOnlySpan<byte> ink, int side, out int left, out int top, out int right, out int bottom)
    {
        left = side;
        top = side;
        right = -1;
        bottom = -1;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                if (ink[y * side + x] == 0)
                {
                    continue;
                }
                left = Math.Min(left, x);
                right = Math.Max(right, x);
                top = Math.Min(top, y);
                bottom = Math.Max(bottom, y);
            }
        }
        return right >= 0;
    }

    /// <summary>Each target pixel is the mean of the source area it covers (fractional edges weighted).</summary>
    private static float[] AreaAverage(ReadOnlySpan<byte> ink, int side, int left, int top, int width, int height, int boxWidth, int boxHeight)
    {
        var box = new float[boxWidth * boxHeight];
        var stepX = (float)width / boxWidth;
        var stepY = (float)height / boxHeight;
        for (var by = 0; by < boxHeight; by++)
        {
            var y0 = by * stepY;
            var y1 = y0 + stepY;
            for (var bx = 0; bx < boxWidth; bx++)
            {
                var x0 = bx * stepX;
                var x1 = x0 + stepX;
                float sum = 0, area = 0;
                for (var sy = (int)y0; sy < Math.Min(height, (int)MathF.Ceiling(y1)); sy++)
                {
                    var wy = Math.Min(y1, sy + 1) - Math.Max(y0, sy);
                    for (var sx = (int)x0; sx < Math.Min(width, (int)MathF.Ceiling(x1)); sx++)
                    {
                        var w = wy * (Math.Min(x1, sx + 1) - Math.Max(x0, sx));
                        sum += w * ink[(top + sy) * side + left + sx];
                        area += w;
                    }
                }
                // Rounding in the fractional weights can overshoot full ink by an ulp; the network takes [0, 1].
                box[by * boxWidth + bx] = area > 0 ? Math.Min(1f, sum / (area * 255f)) : 0f;
            }
        }
        return box;
    }

    private static (float X, float Y) CentreOfMass(float[] box, int width, int height)
    {
        float mass = 0, x = 0, y = 0;
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var value = box[row * width + column];
                mass += value;
                x += value * (column + 0.5f);
                y += value * (row + 0.5f);
            }
        }
        return mass > 0 ? (x / mass, y / mass) : (width / 2f, height / 2f);
    }
}
