#!/usr/bin/env bash
# Input in Latin-1 / windows-1252 and UTF-16 comes out as valid UTF-8; stray
# bad bytes in UTF-8 are repaired, never passed through.
source "$(dirname "$0")/lib.bash"

# windows-1252: é è à ü, curly quotes 0x93/0x94, en dash 0x96, euro 0x80.
printf 'Caf\xe9 Owners Win Appeal\n\n\x93We are relieved,\x94 said Ms M\xfcller \x96 owner of the caf\xe9 \xe0 la gare.\n\nThe fine of \x80500 was cancelled.\n' >latin1.txt
iconv -f UTF-8 -t UTF-8 latin1.txt >/dev/null 2>&1 && fail "fixture should not be UTF-8"
run inspect latin1.txt
expect_rc 0
expect_utf8 out
expect_grep '"title":"Café Owners Win Appeal"' out
expect_grep '“We are relieved,” said Ms Müller – owner of the café à la gare\.' out
expect_grep 'The fine of €500 was cancelled\.' out
run inspect -f text latin1.txt
expect_rc 0
expect_utf8 out
expect_grep '^title: Café Owners Win Appeal$' out

# UTF-16 little-endian with a BOM.
{
	printf '\xff\xfe'
	printf 'R\xc3\xa9sum\xc3\xa9 of the Talks\n\nThe envoys met in Z\xc3\xbcrich on Monday.\n' |
		iconv -f UTF-8 -t UTF-16LE
} >utf16.txt
run inspect utf16.txt
expect_rc 0
expect_utf8 out
expect_grep '"title":"Résumé of the Talks"' out
expect_grep '"text":"The envoys met in Zürich on Monday\."' out

# UTF-8 with a BOM and one stray byte: BOM dropped, byte replaced.
printf '\xef\xbb\xbfTown Hall Vote\n\nThe vote was 7\xff3 in favour of the \xc3\xa9tude.\n' >stray.txt
run inspect stray.txt
expect_rc 0
expect_utf8 out
expect_grep '^\{"id":"stray\.txt","format":"text","title":"Town Hall Vote"' out
expect_grep 'The vote was 7�3 in favour of the étude\.' out

done_ok
