"""The share of mutants killed per rule module, read from `mutmut results` after
`make mutation`; lists every mutant left alive so that it gets a test (or, if no test
could tell it from the original, a line in the README's development section)."""

import re
import subprocess
import sys

MODULES = {
    "scoring/rules.py": r"scoring\.rules\.",
    "scoring/tree.py": r"scoring\.tree\.",
    "awards/quotas.py": r"awards\.quotas\.",
    "awards/eligibility.py": r"awards\.eligibility\.",
    "prize paths": r"awards\.prizes\.x_(prize_money|base_salary_on|prize_base_on|awardee_prize)__",
}
KILLED = {"killed", "timeout", "caught by type check"}


def main() -> int:
    output = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    results = dict(re.findall(r"^\s+(\S+): (.+)$", output, flags=re.MULTILINE))
    for module, pattern in MODULES.items():
        tested = {name: status for name, status in results.items() if re.match(pattern, name)}
        tested = {name: status for name, status in tested.items() if status not in {"skipped", "not checked"}}
        alive = sorted(name for name, status in tested.items() if status not in KILLED)
        killed = len(tested) - len(alive)
        share = 100 * killed / len(tested) if tested else 0
        print(f"{module:24} {killed:4}/{len(tested):<4} killed  {share:5.1f}%")
        for name in alive:
            print(f"    {tested[name]:10} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
