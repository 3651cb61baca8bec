#!/usr/bin/env bash
# The shipped pack on one long article (about 200 KB, 400
# paragraphs of invented statements and filler): every rule finishes
# inside its budgets, with no rule error, and each paragraph's denial
# comes out with its actor.
source "$(dirname "$0")/lib.bash"

firsts=(Ana Ivo Lena Piet Orla Kit Mara Tomas Ida Olaf)
lasts=(Varga Marsh Brandt Quist Vonk Ruud Lund Pyne Orr Kell)
{
	echo "A Long Day of Statements"
	echo
	for i in $(seq 1 400); do
		f=${firsts[$((i % 10))]} l=${lasts[$(((i / 10) % 10))]}
		echo "Interior Minister $f $l on Tuesday denied reports that district $i had hidden its audit." \
			"$f $l said the opposition was responsible for the delays in district $i." \
			"The council of district $i met on Monday to discuss roads, schools and the budget." \
			"Its members heard from engineers, teachers and residents for $i hours." \
			"A vote on the plan for district $i is expected next month, officials said." \
			"The district has $i schools, two hospitals and a library that opened last year."
		echo
	done
} >long.txt

run scan --format jsonl long.txt
expect_rc 0 "no rule failed on the long article"
expect_grep "error-" err 0
expect_grep '"rule":"denial".*"actor":"[A-Z][a-z]+ [A-Z][a-z]+"' out 400
done_ok
