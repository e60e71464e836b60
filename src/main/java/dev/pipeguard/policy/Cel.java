package dev.pipeguard.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.pipeguard.model.RefFilter;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.List;
import java.util.Map;

/**
 * The one CEL environment every policy expression is compiled in: the variables below (all
 * dynamically typed maps and lists from {@link ModelView}), the standard macros, and the string,
 * list, set and math extensions. Compiled programs are thread-safe and reused for every target.
 */
final class Cel {

    /** Variables an expression may use; unbound ones are empty maps in scopes that lack them. */
    static final List<String> VARIABLES = List.of(
            "repo", "settings", "workflow", "job", "step", "action", "branch", "environment", "params", "item");

    private static final CelOptions OPTIONS = CelOptions.current().enableTimestampEpoch(true).build();
    private static final CelCompiler COMPILER;
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addFunctionBindings(
                    CelFunctionBinding.from("glob_string_string", String.class, String.class, RefFilter::glob),
                    CelFunctionBinding.from("passes_dyn_string", java.util.List.of(Object.class, Object.class, String.class),
                            args -> RefFilter.passes(values(args[0]), values(args[1]), (String) args[2])))
            .addLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(OPTIONS),
                    CelExtensions.math(OPTIONS))
            .build();

    static {
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(OPTIONS),
                        CelExtensions.math(OPTIONS), CelExtensions.bindings());
        builder.addFunctionDeclarations(
                CelFunctionDecl.newFunctionDeclaration("glob",
                        CelOverloadDecl.newGlobalOverload("glob_string_string",
                                "glob(pattern, text): whether text matches a GitHub filter pattern",
                                SimpleType.BOOL, SimpleType.STRING, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("passesFilter",
                        CelOverloadDecl.newGlobalOverload("passes_dyn_string",
                                "passesFilter(include, ignore, name): whether name passes GitHub's include/ignore filter lists",
                                SimpleType.BOOL, ListType.create(SimpleType.DYN), ListType.create(SimpleType.DYN), SimpleType.STRING)));
        for (String v : VARIABLES) {
            builder.addVar(v, SimpleType.DYN);
        }
        COMPILER = builder.build();
    }

    private Cel() {
    }

    /** Filter lists as policies hold them: scalars ({@code value} maps) or plain strings. */
    private static java.util.List<String> values(Object list) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (list instanceof java.util.Collection<?> c) {
            for (Object o : c) {
                out.add(o instanceof Map<?, ?> m ? String.valueOf(m.get("value")) : String.valueOf(o));
            }
        }
        return out;
    }

    /** A compiled expression, with the text it came from for messages. */
    record Program(String text, CelRuntime.Program program) {

        Object eval(Map<String, Object> variables) throws CelEvaluationException {
            return program.eval(variables);
        }
    }

    /** A compile error with its 1-based line and column inside the expression text. */
    static final class CompileError extends Exception {
        final int line;
        final int column;

        CompileError(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    static Program compile(String text) throws CompileError {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(text).getAst();
            return new Program(text, RUNTIME.createProgram(ast));
        } catch (CelValidationException e) {
            CelIssue issue = e.getErrors().isEmpty() ? null : e.getErrors().get(0);
            if (issue == null) {
                throw new CompileError(e.getMessage(), 1, 1);
            }
            int line = Math.max(1, issue.getSourceLocation().getLine());
            int column = Math.max(0, issue.getSourceLocation().getColumn()) + 1;
            throw new CompileError(issue.getMessage(), line, column);
        } catch (CelEvaluationException e) {
            throw new CompileError(e.getMessage(), 1, 1);
        }
    }
}
