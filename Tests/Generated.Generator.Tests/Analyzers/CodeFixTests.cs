using Generated.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Generated.Analyzers.CodeFixes;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>Each code fix, before and after, with the diagnostics that remain afterwards marked.</summary>
public class CodeFixTests
{
    [Fact]
    public Task Use_padding_same_fixes_a_kernel_larger_than_its_input() => CodeFixVerifier.VerifyAsync(new UsePaddingSameCodeFix(),
        """
        [Network(4, 4, 16)]
        [{|NNG0007:Conv2D(16, 5)|}]   // keeps this comment
        [Flatten]
        [Dense(10)]
        public partial class Net;
        """,
        """
        [Network(4, 4, 16)]
        [Conv2D(16, 5, Padding = Padding.Same)]   // keeps this comment
        [Flatten]
        [Dense(10)]
        public partial class Net;
        """,
        UsePaddingSameCodeFix.Title);

    [Fact]
    public Task Use_padding_same_replaces_an_explicit_valid() => CodeFixVerifier.VerifyAsync(new UsePaddingSameCodeFix(),
        """
        [Network(3, 3, 8)]
        [{|NNG0008:MaxPooling2D(4, Padding = Padding.Valid, Name = "pool")|}]
        [Flatten]
        [Dense(10)]
        public partial class Net;
        """,
        """
        [Network(3, 3, 8)]
        [MaxPooling2D(4, Padding = Padding.Same, Name = "pool")]
        [Flatten]
        [Dense(10)]
        public partial class Net;
        """,
        UsePaddingSameCodeFix.Title);

    [Fact]
    public Task Use_padding_same_fixes_unused_input_reported_on_the_strides() => CodeFixVerifier.VerifyAsync(new UsePaddingSameCodeFix(),
        """
        [Network(28, 28, 1)]
        [Generated.Conv2D(8, 5, {|NNG0100:Strides = 2|}, Activation = Activation.Relu)]
        [Flatten]
        [Dense(10)]
        public partial class Net;
        """,
        """
        [Network(28, 28, 1)]
        [Generated.Conv2D(8, 5, Strides = 2, Activation = Activation.Relu, Padding = Generated.Padding.Same)]
        [Flatten]
        [Dense(10)]
        public partial class Net;
        """,
        UsePaddingSameCodeFix.Title);

    [Fact]
    public async Task Make_partial_fixes_the_compilers_missing_partial_error()
    {
        // The generator's stub part makes the compiler report CS0260 on a network class without partial (and
        // NetworkAnalyzer then leaves NNG0001 out); a hand-written second part stands in for it here.
        const string before = "public sealed class Net { }\npartial class Net { }\n";
        using var workspace = new AdhocWorkspace();
        var document = workspace.CurrentSolution
            .AddProject("Tests", "Tests", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .AddMetadataReferences(AnalyzerTestCompilation.References)
            .AddDocument("Test0.cs", before);
        var compilation = (await document.Project.GetCompilationAsync())!;
        var missingPartial = Assert.Single(compilation.GetDiagnostics(), d => d.Id == MakePartialCodeFix.CompilerMissingPartial);

        var provider = new MakePartialCodeFix();
        Assert.Contains(missingPartial.Id, provider.FixableDiagnosticIds);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, missingPartial, (action, _) => actions.Add(action), CancellationToken.None));
        var fix = Assert.Single(actions, a => a.Title == "Make 'Net' partial");
        var changed = Assert.Single((await fix.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>()).ChangedSolution;

        var after = (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
        Assert.Equal("public sealed partial class Net { }\npartial class Net { }\n", after);
    }

    [Fact]
    public Task Make_partial_adds_the_modifier_last() => CodeFixVerifier.VerifyAsync(new MakePartialCodeFix(),
        """
        [Network(28, 28, 1)]
        [Flatten]
        [Dense(10)]
        public sealed class {|NNG0001:Net|} { }
        """,
        """
        [Network(28, 28, 1)]
        [Flatten]
        [Dense(10)]
        public sealed partial class Net { }
        """,
        "Make 'Net' partial");

    [Fact]
    public Task Make_partial_without_modifiers_keeps_the_indentation() => CodeFixVerifier.VerifyAsync(new MakePartialCodeFix(),
        """
        namespace Models
        {
            /// <summary>A classifier.</summary>
            [Network(28, 28, 1)]
            [Flatten]
            [Dense(10)]
            class {|NNG0001:Net|};
        }
        """,
        """
        namespace Models
        {
            /// <summary>A classifier.</summary>
            [Network(28, 28, 1)]
            [Flatten]
            [Dense(10)]
            partial class Net;
        }
        """,
        "Make 'Net' partial");

    [Fact]
    public Task Make_partial_fixes_the_containing_type_it_is_reported_on() => CodeFixVerifier.VerifyAsync(new MakePartialCodeFix(),
        """
        public static class {|NNG0003:Outer|}
        {
            internal partial class Middle
            {
                public class Inner
                {
                    [Network(28, 28, 1)]
                    [Flatten]
                    [Dense(10)]
                    public partial class Net;
                }
            }
        }
        """,
        """
        public static partial class Outer
        {
            internal partial class Middle
            {
                public class {|NNG0003:Inner|}
                {
                    [Network(28, 28, 1)]
                    [Flatten]
                    [Dense(10)]
                    public partial class Net;
                }
            }
        }
        """,
        "Make 'Outer' partial");

    [Fact]
    public Task Move_before_flatten_moves_the_attribute_line() => CodeFixVerifier.VerifyAsync(new MoveBeforeFlattenCodeFix(),
        """
        [Network(28, 28, 1)]
        [Conv2D(8, 3, Activation = Activation.Relu)]
        [Flatten]
        [Dropout(0.5)]
        [{|NNG0009:MaxPooling2D(2)|}]
        [Dense(10)]
        public partial class Net;
        """,
        """
        [Network(28, 28, 1)]
        [Conv2D(8, 3, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Flatten]
        [Dropout(0.5)]
        [Dense(10)]
        public partial class Net;
        """,
        "Move [MaxPooling2D] before [Flatten]");

    [Fact]
    public Task Move_before_flatten_within_one_attribute_list() => CodeFixVerifier.VerifyAsync(new MoveBeforeFlattenCodeFix(),
        """
        [Network(28, 28, 1)]
        [Conv2D(8, 3, Activation = Activation.Relu), GlobalMaxPooling2D, {|NNG0009:MaxPooling2D(2)|}]
        [Dense(10)]
        public partial class Net;
        """,
        """
        [Network(28, 28, 1)]
        [Conv2D(8, 3, Activation = Activation.Relu), MaxPooling2D(2), GlobalMaxPooling2D]
        [Dense(10)]
        public partial class Net;
        """,
        "Move [MaxPooling2D] before [GlobalMaxPooling2D]");

    [Fact]
    public Task Insert_flatten_before_a_dense_head() => CodeFixVerifier.VerifyAsync(new InsertFlattenCodeFix(),
        """
        [Network(28, 28, 1)]
        [Conv2D(8, 3, Activation = Activation.Relu)]
            [{|NNG0102:Dense(10, Activation = Activation.Softmax)|}]
        public partial class Net;
        """,
        """
        [Network(28, 28, 1)]
        [Conv2D(8, 3, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
        public partial class Net;
        """,
        InsertFlattenCodeFix.Title);

    [Fact]
    public Task Insert_flatten_inside_a_shared_attribute_list() => CodeFixVerifier.VerifyAsync(new InsertFlattenCodeFix(),
        """
        [Network(28, 28, 1)]
        [Conv2D(8, 3, Activation = Activation.Relu), {|NNG0102:Generated.Dense(10)|}]
        public partial class Net;
        """,
        """
        [Network(28, 28, 1)]
        [Conv2D(8, 3, Activation = Activation.Relu), Generated.Flatten, Generated.Dense(10)]
        public partial class Net;
        """,
        InsertFlattenCodeFix.Title);
}
