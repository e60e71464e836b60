package dev.pipeguard.rules;

import dev.pipeguard.model.ActionDefinition;
import dev.pipeguard.model.Job;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.Step;
import dev.pipeguard.model.Workflow;

/** Visits every step of a repository: those of workflow jobs and those of local composite actions. */
final class Steps {

    /** Where a step sits: a workflow job ({@code action} null) or a composite action ({@code workflow}, {@code job} null). */
    record Site(Workflow workflow, Job job, ActionDefinition action, Step step) {

        String file() {
            return workflow != null ? workflow.path() : action.path();
        }
    }

    interface Visitor {
        void visit(Site site);
    }

    private Steps() {
    }

    static void forEach(Repository repo, Visitor visitor) {
        for (Workflow w : repo.workflows()) {
            for (Job j : w.jobs()) {
                for (Step s : j.steps()) {
                    visitor.visit(new Site(w, j, null, s));
                }
            }
        }
        for (ActionDefinition a : repo.actions()) {
            for (Step s : a.steps()) {
                visitor.visit(new Site(null, null, a, s));
            }
        }
    }
}
