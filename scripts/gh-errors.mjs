// Prints {file: [error messages]} as JSON for each workflow file given, as GitHub's own parser
// (@actions/workflow-parser) reports them after converting the template, which is when it checks
// 'needs'. Run from a directory whose node_modules holds the parser (compare-gh-parser.py copies
// this file to /tmp/peers for that).
import fs from 'fs';
import { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from '@actions/workflow-parser';

const result = {};
for (const file of process.argv.slice(2)) {
  try {
    const parsed = parseWorkflow({ name: file, content: fs.readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
    if (parsed.value) {
      await convertWorkflowTemplate(parsed.context, parsed.value);
    }
    result[file] = { errors: parsed.context.errors.getErrors().map(e => e.message) };
  } catch (e) {
    result[file] = { crash: String(e) };
  }
}
console.log(JSON.stringify(result));
