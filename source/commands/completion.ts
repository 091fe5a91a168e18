/**
 * `completion SHELL` (not in GTO): prints a completion script for bash, zsh or fish. Each
 * script is a thin adapter: on Tab it hands the words so far to `gto-tui complete-words`,
 * which answers from the flag table and the registry of the repository at hand (see
 * cli/complete.ts), so one implementation serves the three shells and cannot drift.
 */
import type {CommandContext} from '../cli/context.js';
import {SHELLS} from '../cli/complete.js';
import {GtoError} from '../registry/errors.js';
import {DIRECTORIES} from './completeWords.js';

type Shell = (typeof SHELLS)[number];

// bash ≥ 3.2 (macOS's too): no mapfile, no associative arrays
const BASH = `# gto-tui completion for bash. Load it in ~/.bashrc with:
#   source <(gto-tui completion bash)
_gto_tui() {
  local cur=\${COMP_WORDS[COMP_CWORD]} line output
  COMPREPLY=()
  output=$(command gto-tui complete-words "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
  if [[ $output == ${DIRECTORIES} ]]; then
    compopt -o filenames 2>/dev/null
    while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -d -- "$cur")
    return 0
  fi
  while IFS= read -r line; do
    [[ -n $line ]] && COMPREPLY+=("\${line%%$'\\t'*}")
  done <<< "$output"
}
complete -F _gto_tui gto-tui
`;

const ZSH = `#compdef gto-tui
# gto-tui completion for zsh. Load it in ~/.zshrc (after compinit) with:
#   source <(gto-tui completion zsh)
# or save it as _gto-tui in a directory of $fpath.
_gto-tui() {
  local -a lines described plain
  local line
  lines=("\${(@f)$(command gto-tui complete-words "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ \${lines[1]} == ${DIRECTORIES} ]]; then
    _path_files -/
    return
  fi
  for line in $lines; do
    [[ -z $line ]] && continue
    if [[ $line == *$'\\t'* ]]; then
      described+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
    else
      plain+=("$line")
    fi
  done
  (( $#described )) && _describe -t gto-tui 'gto-tui' described
  (( $#plain )) && compadd -- $plain
  return 0
}
if [[ $funcstack[1] == _gto-tui ]]; then
  _gto-tui "$@"
else
  compdef _gto-tui gto-tui
fi
`;

const FISH = `# gto-tui completion for fish. Load it with:
#   gto-tui completion fish | source
# or save it as ~/.config/fish/completions/gto-tui.fish
function __gto_tui_complete
    set -l current "$(commandline -ct)"
    set -l lines (command gto-tui complete-words (commandline -opc)[2..-1] "$current" 2>/dev/null)
    if test "$lines[1]" = ${DIRECTORIES}
        __fish_complete_directories "$current"
        return
    end
    printf '%s\\n' $lines
end
complete -c gto-tui -f -a '(__gto_tui_complete)'
`;

const SCRIPTS: Readonly<Record<Shell, string>> = {bash: BASH, zsh: ZSH, fish: FISH};

export const run = async (ctx: CommandContext): Promise<number> => {
  const shell = ctx.args[0] ?? '';
  if (!(SHELLS as readonly string[]).includes(shell)) {
    // click's message for a Choice argument
    throw new GtoError(`Invalid value for 'SHELL': '${shell}' is not one of ${SHELLS.map((s) => `'${s}'`).join(', ')}.`, 'usage');
  }
  ctx.out(SCRIPTS[shell as Shell].trimEnd());
  return 0;
};
