/** Assign: pick a version (or a commit to register), then a stage; shows the stage before and after. */
import {Box} from 'ink';
import {useMemo} from 'react';
import {DEFAULT_STAGE_QUERY, stageHolders} from '../../registry/resolve.js';
import {assignStage, stageError, versionSearch, type AssignForm as Form} from '../forms.js';
import {shortVersion} from '../grid.js';
import {pickerRows, viewOf} from '../picker.js';
import {Field, Input, type FormProps} from './Field.js';
import {Picker} from './Picker.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

/** The glyph before a stage the chosen version may not enter yet (the promotion rules say why, drawn muted after it). */
export const BLOCKED_STAGE = '✗';

/** The stage picker's lines: when a rule refuses any stage, each line starts with the glyph or room for it. */
const stagePickerLabels = (stages: Form['stages']): string[] =>
  stages.some((s) => s.ruleRefusal !== null)
    ? stages.map((s) => (s.ruleRefusal === null ? `  ${s.label}` : `${BLOCKED_STAGE} ${s.label}\t${s.ruleRefusal}`))
    : stages.map((s) => s.label);

export const AssignForm = ({form, snapshot, height}: FormProps<Form>) => {
  const theme = useTheme();
  const versionLabels = useMemo(() => form.versions.map((v) => v.label), [form.versions]);
  const stageLabels = useMemo(() => stagePickerLabels(form.stages), [form.stages]);
  const search = useMemo(() => versionSearch(form.versions), [form.versions]);
  const choice = form.versions[form.versionIndex];
  const stage = assignStage(form);
  const artifact = snapshot.registry.artifacts.get(form.name);
  const holder = artifact && stage ? stageHolders(artifact, DEFAULT_STAGE_QUERY).get(stage)?.[0] : undefined;
  const rows = pickerRows(form, height);
  const newStageProblem = form.step === 'newStage' && form.newStage !== '' ? stageError(form.newStage) : null;
  const willHold = choice ? (choice.version ?? `a new version at ${choice.commit.slice(0, 7)}`) : '-';
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Assign a stage to {form.name}
      </Text>
      <Field label="Version" active={form.step === 'version'}>
        {choice ? choice.label : '(nothing to assign)'}
      </Field>
      {form.step === 'version' ? (
        <Picker labels={versionLabels} search={search} index={form.versionIndex} view={viewOf(form)} rows={rows} more={form.more} commits />
      ) : null}
      <Field label="Stage" active={form.step !== 'version'}>
        {form.step === 'newStage' ? (
          <Text>
            <Input value={form.newStage} active />
            {newStageProblem ? <Text color={theme.error}>  ✗ {newStageProblem}</Text> : null}
          </Text>
        ) : (
          (form.stages[form.stageIndex]?.label ?? '-')
        )}
      </Field>
      {form.step === 'stage' ? (
        <Picker labels={stageLabels} search={stageLabels} index={form.stageIndex} view={viewOf(form)} rows={rows} more={false} commits={false} />
      ) : null}
      {stage ? (
        <Text wrap="truncate">
          {'  '}
          {stage} holds now: <Text bold>{holder ? shortVersion(holder.version) : '-'}</Text>  →  will hold:{' '}
          <Text bold>{willHold}</Text>
        </Text>
      ) : null}
    </Box>
  );
};
