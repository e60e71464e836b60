package dev.pipeguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pipeguard.model.Repository;
import dev.pipeguard.policy.ModelView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pipeguard inspect}: prints the normalised model as JSON, exactly what policies see. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the normalised model of a repository as JSON: what policies see as 'repo'.")
final class InspectCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() throws Exception {
        Repository repo = repository.load();
        Map<String, Object> out = new LinkedHashMap<>(ModelView.of(repo));
        out.put("problems", repo.problems().stream().map(Object::toString).toList());
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        return repo.problems().isEmpty() ? Main.OK : Main.FINDINGS;
    }
}
