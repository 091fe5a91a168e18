/** Register: name (for a new artifact), commit, version (validated as typed), message. */
import {Box} from 'ink';
import {useMemo} from 'react';
import {tableTime} from '../../output/time.js';
import {commitSearch, nameError, registerVersionError, versionAtCommit, versionSuggestions, type RegisterForm as Form} from '../forms.js';
import {pickerRows, viewOf} from '../picker.js';
import {Field, Input, type FormProps} from './Field.js';
import {shortSha} from './text.js';
import {Picker} from './Picker.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

export const RegisterForm = ({form, snapshot, height}: FormProps<Form>) => {
  const theme = useTheme();
  const commitLabels = useMemo(
    () =>
      form.commits.map((c) => {
        const already = versionAtCommit(snapshot, form.name, c.sha);
        const head = c.sha === snapshot.head ? ' (HEAD)' : '';
        return `${shortSha(c.sha)} ${c.subject}\t${c.author}, ${tableTime(c.time)}${head}${already ? ` · already ${already}` : ''}`;
      }),
    [form.commits, form.name, snapshot],
  );
  const commit = form.commits[form.commitIndex];
  const suggestions = versionSuggestions(snapshot.registry.artifacts.get(form.name));
  const versionProblem = form.step === 'version' ? registerVersionError(form, snapshot) : null;
  const nameProblem = form.step === 'name' && form.name !== '' ? nameError(form.name) : null;
  const search = useMemo(() => commitSearch(form.commits), [form.commits]);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Register a version{form.nameFixed ? ` of ${form.name}` : ' (new artifact)'}
      </Text>
      <Field label="Name" active={form.step === 'name'}>
        <Input value={form.name} active={form.step === 'name'} placeholder="artifact name, e.g. churn or models:churn" />
        {nameProblem ? <Text color={theme.error}>  ✗ {nameProblem}</Text> : null}
      </Field>
      <Field label="Commit" active={form.step === 'commit'}>
        <Text>{commit ? `${shortSha(commit.sha)} ${commit.subject}` : '(no commits)'}</Text>
      </Field>
      {form.step === 'commit' ? (
        <Picker labels={commitLabels} search={search} index={form.commitIndex} view={viewOf(form)} rows={pickerRows(form, height)} more={form.more} commits />
      ) : null}
      <Field label="Version" active={form.step === 'version'}>
        <Input value={form.version} active={form.step === 'version'} />
        {form.step === 'version' ? (
          <Text color={versionProblem ? theme.error : theme.ok}>{versionProblem ? `  ✗ ${versionProblem}` : '  ✓'}</Text>
        ) : null}
      </Field>
      {form.step === 'version' ? (
        <Text color={theme.muted} wrap="truncate">
          {'           '}Tab: {suggestions.map((s) => `${s.label} ${s.version}`).join(' · ')}
        </Text>
      ) : null}
      <Field label="Message" active={form.step === 'message'}>
        <Input value={form.message} active={form.step === 'message'} placeholder="(optional; GTO's default when empty)" />
      </Field>
    </Box>
  );
};
