using System;
using System.ComponentModel;
using System.Threading;
using Generated.Kernels;
using Generated.Kernels.Threading;

namespace Generated.CompilerServices;

/// <summary>
/// A Conv2D or Dense layer's kernel and bias packed once into the matrix kernels' panel layout, for callers that
/// run the same weights many times (inference): the plain <c>Forward</c> overloads pack the kernel on every call.
/// Fill it with <see cref="Conv2D.Pack"/> or <see cref="Dense.Pack"/>, pass it to the matching <c>Forward</c>
/// overload, and pack again whenever the weights change: it is a copy and does not see later writes.
/// </summary>
/// <remarks>
/// Reading it from several threads at once is safe, and so is packing the same weights again while others read
/// (the values written are the ones already there). Packing again with the same shape reuses its buffers, so
/// re-packing after every weight update allocates nothing.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class PackedKernel
{
    // One reference, published after its buffers are written, so a reader never sees a shape without its data.
    private Contents? _contents;

    /// <summary>Whether a kernel has been packed into it.</summary>
    public bool IsPacked => Volatile.Read(ref _contents) is not null;

    /// <summary>
    /// The buffers to pack a <paramref name="steps"/> x <paramref name="columns"/> kernel into: the current ones when the
    /// layout is unchanged (packed in place), else new ones that <see cref="Publish"/> makes visible once written.
    /// With <paramref name="keepPlain"/> they also hold plain copies of the kernel and bias (for paths that read those).
    /// </summary>
    /// <remarks><paramref name="layout"/> says which kernel reads it (panels, the direct convolution's channel blocks or a
    /// narrow Dense layer's transposed rows): one must not read another's layout.</remarks>
    internal Contents Prepare(int panelWidth, int steps, int columns, long kernelLength, long biasLength, bool hasBias, bool keepPlain, PackedLayout layout = PackedLayout.Panels)
    {
        var current = Volatile.Read(ref _contents);
        if (current is not null && current.PanelWidth == panelWidth && current.Steps == steps && current.Columns == columns
            && current.HasBias == hasBias && current.HasPlain == keepPlain && current.Layout == layout)
        {
            return current;
        }
        var plainLength = (long)steps * columns;
        return new Contents(panelWidth, steps, columns, Scratch.Allocate(kernelLength), hasBias ? Scratch.Allocate(biasLength) : null,
            keepPlain ? Scratch.Allocate(plainLength) : null, keepPlain && hasBias ? Scratch.Allocate(columns) : null, layout);
    }

    /// <summary>Makes <paramref name="contents"/>, now written, what readers get.</summary>
    internal void Publish(Contents contents) => Volatile.Write(ref _contents, contents);

    /// <summary>The packed contents, after checking they hold a <paramref name="steps"/> x <paramref name="columns"/> kernel for <paramref name="what"/>.</summary>
    internal Contents Read(int steps, int columns, string what, bool direct = false)
    {
        var contents = Volatile.Read(ref _contents)
            ?? throw new InvalidOperationException($"The packed kernel is empty: call {what}.Pack with the layer's kernel and bias before {what}.Forward.");
        if (contents.IsDirect != direct || (contents.Layout == PackedLayout.TransposedRows && what != nameof(Dense))
            || (contents.Layout == PackedLayout.WinogradTiles && what is not (nameof(WinogradConv2D) or nameof(Conv2D)))
            || (what == nameof(WinogradConv2D) && contents.Layout != PackedLayout.WinogradTiles))
        {
            throw new ArgumentException($"The packed kernel was packed by {PackerOf(contents.Layout)}.Pack, in another layout than {what}.Forward reads: pack it with {what}.Pack.", "kernel");
        }
        if (contents.Steps != steps || contents.Columns != columns)
        {
            throw new ArgumentException($"The packed kernel holds a {contents.Steps} x {contents.Columns} matrix but this {what} layer needs {steps} x {columns}: pack this layer's own kernel.", "kernel");
        }
        return contents;
    }

    private static string PackerOf(PackedLayout layout) => layout switch
    {
        PackedLayout.ChannelBlocks => "DirectConv2D",
        PackedLayout.TransposedRows => "Dense",
        PackedLayout.WinogradTiles => "WinogradConv2D",
        _ => "Conv2D or Dense",
    };

    /// <inheritdoc/>
    public override string ToString() => Volatile.Read(ref _contents) is { } c
        ? $"PackedKernel {c.Steps} x {c.Columns}{(c.HasBias ? " with bias" : "")}"
        : "PackedKernel (empty)";

    /// <summary>One packing: the panel width, the matrix shape (K x N) and the pinned buffers.</summary>
    internal sealed class Contents
    {
        private readonly float[] _kernel;
        private readonly float[]? _bias;
        private readonly float[]? _plainKernel;
        private readonly float[]? _plainBias;

        public Contents(int panelWidth, int steps, int columns, float[] kernel, float[]? bias, float[]? plainKernel, float[]? plainBias, PackedLayout layout)
        {
            Layout = layout;
            PanelWidth = panelWidth;
            Steps = steps;
            Columns = columns;
            _kernel = kernel;
            _bias = bias;
            _plainKernel = plainKernel;
            _plainBias = plainBias;
        }

        /// <summary>Which kernel's layout it holds.</summary>
        public PackedLayout Layout { get; }

        /// <summary>Whether it holds the direct convolution's channel blocks (PanelWidth is then the block width) rather than matrix panels.</summary>
        public bool IsDirect => Layout == PackedLayout.ChannelBlocks;

        /// <summary>The panel width it is packed for.</summary>
        public int PanelWidth { get; }

        /// <summary>Rows of the packed matrix: the reduction length K (kernel taps times input channels, or Dense inputs).</summary>
        public int Steps { get; }

        /// <summary>Columns of the packed matrix: output channels or units.</summary>
        public int Columns { get; }

        /// <summary>Whether a bias was packed (an empty bias means the layer has none).</summary>
        public bool HasBias => _bias is not null;

        /// <summary>Start of the packed kernel (pinned).</summary>
        public float* Kernel => Scratch.Address(_kernel);

        /// <summary>Start of the padded bias (pinned), or null without bias.</summary>
        public float* Bias => _bias is null ? null : Scratch.Address(_bias);

        /// <summary>Whether it also holds the kernel and bias in their own layout.</summary>
        public bool HasPlain => _plainKernel is not null;

        /// <summary>Start of the plain kernel copy (K x N, pinned), or null without one.</summary>
        public float* PlainKernel => _plainKernel is null ? null : Scratch.Address(_plainKernel);

        /// <summary>Start of the plain bias copy (N, pinned), or null without bias or plain copies.</summary>
        public float* PlainBias => _plainBias is null ? null : Scratch.Address(_plainBias);
    }
}

/// <summary>How a <see cref="PackedKernel"/> lays out its kernel, so that only the kernel that packed it reads it.</summary>
internal enum PackedLayout
{
    /// <summary>The matrix product's column panels (<c>Conv2D.Pack</c>, <c>Dense.Pack</c> for many units).</summary>
    Panels,

    /// <summary>The direct convolution's channel blocks (<c>DirectConv2D.Pack</c>); the panel width is the block width.</summary>
    ChannelBlocks,

    /// <summary>A Dense kernel with few units, transposed to one row of inputs per unit for the dot-product kernel; the bias unpadded.</summary>
    TransposedRows,

    /// <summary>
    /// A 3x3 kernel in the Winograd domain (<c>WinogradConv2D.Pack</c>): 16 input-channels x output-channels matrices, each
    /// in the matrix product's column panels; the bias unpadded.
    /// </summary>
    WinogradTiles,
}
