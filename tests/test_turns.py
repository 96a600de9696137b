"""Speaker turns: the lines a label gives a speaker in a transcript or an interview are the speaker's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import analyze
from rhetoric.findings import Voice
from rhetoric.segment import segment
from rhetoric.turns import speaker_turns

TRANSCRIPT = (
    "The interview aired on Tuesday.\n\n"
    "HANNITY: Do you believe the so-called inquiry was ever legitimate? These radical zealots wanted it.\n"
    "TOENSING: It was a disgraceful sham. The FBI opened the case in July 2016.\n"
    "HANNITY: And who signed the warrant?\n"
    "TOENSING: The deputy director signed it on October 21.\n\n"
    "The network said 3.1 million viewers watched. Was it a disgraceful sham?\n"
)


def _turns(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in speaker_turns(segment(text))]


def test_each_labelled_line_of_a_dialogue_is_a_turn_up_to_the_next_label_or_the_paragraph_end():
    assert _turns(TRANSCRIPT) == [
        "HANNITY: Do you believe the so-called inquiry was ever legitimate? These radical zealots wanted it.",
        "TOENSING: It was a disgraceful sham. The FBI opened the case in July 2016.",
        "HANNITY: And who signed the warrant?",
        "TOENSING: The deputy director signed it on October 21.",
    ]


def test_the_speakers_words_are_quoted_speech_and_the_writers_are_not():
    report = analyze(TRANSCRIPT)
    by_voice = {(f.text, f.voice) for f in report.findings if f.category.value != "unsourced-assertion"}
    assert ("radical zealots", Voice.QUOTED) in by_voice and ("so-called", Voice.QUOTED) in by_voice
    assert ("disgraceful", Voice.QUOTED) in by_voice
    assert ("disgraceful", Voice.AUTHOR) in by_voice  # the writer's own, after the transcript
    questions = [f.text for f in report.findings if f.category.value == "rhetorical-question"]
    assert questions == ["Was it a disgraceful sham?"]  # the host's questions are put to his guest
    spoken = [a for a in report.sentences if a.quoted]
    assert len(spoken) == 6 and all(a.attributed for a in spoken)  # credited to the speaker the label names
    unsourced = [f.text for f in report.findings if f.category.value == "unsourced-assertion"]
    assert unsourced == []


def test_a_question_and_its_answer_are_a_dialogue_however_short():
    text = "Q: When will the work begin?\nA: In April, on the first three routes.\n"
    assert _turns(text) == ["Q: When will the work begin?", "A: In April, on the first three routes."]


def test_questions_and_answers_labelled_with_a_full_stop_are_a_dialogue_too():
    # As court transcripts and some newspapers' interviews set them; the answer's words are the mayor's.
    text = ("The mayor spoke on Monday.\n\nQ. Why did you cut the library budget?\n\n"
            "A. We had no choice. The state slashed our funding by a disgraceful 20 percent.\n")
    assert _turns(text) == ["Q. Why did you cut the library budget?",
                            "A. We had no choice. The state slashed our funding by a disgraceful 20 percent."]
    report = analyze(text)
    assert {(f.text, f.voice) for f in report.findings} == {("disgraceful", Voice.QUOTED)}
    # A question alone, or a line that an initial opens, is no dialogue.
    assert _turns("Q. Why now?\nThe answer never came.\n") == []
    assert _turns("The panel heard two witnesses.\nA. Smith spoke first, then Q. Jones.\n") == []


def test_labels_in_mixed_case_name_speakers_beside_a_timestamp_or_as_a_role():
    podcast = ("Episode 12.\n\n[00:00:05] Host: Welcome back. Is the crisis real?\n"
               "[00:00:12] Dr. Lena Ortiz: It is catastrophic, frankly.\n"
               "[00:00:20] Host: Who is to blame?\n"
               "[00:00:25] Dr. Lena Ortiz: Greedy landlords, mostly.\n")
    assert _turns(podcast)[0] == "[00:00:05] Host: Welcome back. Is the crisis real?"
    report = analyze(podcast)
    assert {f.voice for f in report.findings} == {Voice.QUOTED}
    assert not [f for f in report.findings if f.category.value == "unsourced-assertion"]  # nor the timestamps
    # Roles in mixed case, and a label on a line of its own with the timestamp after it ("Speaker 1 (00:05):"),
    # whose words are the paragraph below it.
    assert _turns("Host: Hi.\nGuest: Hello.\nHost: Bye.\nGuest: Bye now.\n") == [
        "Host: Hi.", "Guest: Hello.", "Host: Bye.", "Guest: Bye now."]
    rev = ("Speaker 1 (00:05):\n\nThe plan is a disaster.\n\nSpeaker 2 (00:09):\n\nIt is a disgrace.\n\n"
           "Speaker 1 (00:15):\n\nAgreed.\n\nSpeaker 2 (00:18):\n\nGoodbye.\n\nThe writer calls it a disgrace.\n")
    assert _turns(rev)[:2] == ["Speaker 1 (00:05):\n\nThe plan is a disaster.", "Speaker 2 (00:09):\n\nIt is a disgrace."]
    assert {(f.text, f.voice) for f in analyze(rev).findings if f.category.value == "loaded-term"} == {
        ("disaster", Voice.QUOTED), ("disgrace", Voice.QUOTED), ("disgrace", Voice.AUTHOR)}
    # A digest's lines, each a candidate's position in the writer's words, name no speaker.
    assert _turns("Clinton: backs the plan.\nSanders: opposes it.\nClinton: wants more.\nSanders: less.\n") == []


def test_a_briefing_with_one_recurring_speaker_and_one_off_questioners_is_a_dialogue():
    text = ("MAYOR LOWRY: Good morning. Crime fell 12 percent this year.\n\n"
            "Q: Why did overtime run $19 million over budget?\n\n"
            "MAYOR LOWRY: The old system was a joke. We fixed it.\n\n"
            "CHIEF SALAS: Overtime fell 30 percent in May. The critics are clueless.\n")
    report = analyze(text)
    assert {(f.text, f.voice) for f in report.findings} == {("was a joke", Voice.QUOTED), ("clueless", Voice.QUOTED)}


def test_radio_labels_with_a_role_after_a_comma_and_the_reporters_own_words():
    # NPR's style: a full name and a role at first, the surname after. The reporter's narration
    # (BYLINE) is the outlet's, as the writer's words are.
    text = ("A MARTÍNEZ, HOST: Carrow's reservoir fell to 18 percent this summer.\n\n"
            "LUIS FERREIRA, BYLINE: The council's plan is a disgrace, some residents say.\n\n"
            "DOTTIE MARSH: The council is a disgrace.\n\n"
            "MARTÍNEZ: That's NPR's Luis Ferreira.\n")
    turns = _turns(text)
    assert turns[0].startswith("A MARTÍNEZ, HOST:") and not any(t.startswith("LUIS") for t in turns)
    voices = sorted((f.text, f.voice.value) for f in analyze(text).findings if f.category.value == "loaded-term")
    assert voices == [("disgrace", "author"), ("disgrace", "quoted")]


def test_television_labels_with_long_roles_and_an_aside_before_the_role():
    # CNN's roles run to four words and more; CNN and Fox set a member's party before the role.
    text = ("WOLF BLITZER, CNN ANCHOR: Let's go to Capitol Hill.\n\n"
            "MANU RAJU, CNN CHIEF CONGRESSIONAL CORRESPONDENT: Wolf, this is a humiliating defeat.\n\n"
            "REP. JIM JORDAN (R-OH), HOUSE JUDICIARY CHAIRMAN: This is a disgraceful witch hunt.\n\n"
            "BLITZER: Gloria, how bad is it?\n")
    assert [t.split(":")[0] for t in _turns(text)] == [
        "WOLF BLITZER, CNN ANCHOR", "MANU RAJU, CNN CHIEF CONGRESSIONAL CORRESPONDENT",
        "REP. JIM JORDAN (R-OH), HOUSE JUDICIARY CHAIRMAN", "BLITZER"]
    assert {f.voice for f in analyze(text).findings if f.category.value != "unsourced-assertion"} == {Voice.QUOTED}


def test_a_white_house_q_with_spaces_or_a_tab_is_a_reporters_label():
    text = ("MS. CALLOWAY: Good afternoon.\n\n"
            "Q    Thank you. Isn't the President's own plan a disaster?\n\n"
            "MS. CALLOWAY: No. Their plan is reckless.\n\n"
            "Q\tWhy won't he negotiate?\n\n"
            "MS. CALLOWAY: He will.\n")
    assert [t.split()[0] for t in _turns(text)] == ["MS.", "Q", "MS.", "Q", "MS."]
    assert not [f for f in analyze(text).findings if f.category.value == "rhetorical-question"]


def test_a_speech_with_one_speaker_and_applause_and_a_last_turn_before_a_closing_line():
    speech = ("Remarks by the Vice President at a Rally in Atlanta\n\n"
              "THE VICE PRESIDENT: Hello, Atlanta! (Applause.) It's good to be home.\n\n"
              "Our opponents want to gut Medicare. It's a disaster. Is that fair? (No!)\n\n"
              "END\n")
    assert [f.voice for f in analyze(speech).findings if f.category.value != "unsourced-assertion"] == [
        Voice.QUOTED, Voice.QUOTED]
    text = ("HOST: What happened?\n\nGUEST: A disgrace.\n\nHOST: And then?\n\n"
            "GUEST: It was over.\n\nHonestly, they were crooks.\n\n(END VIDEO CLIP)\n\nThe network said nothing.\n")
    assert _turns(text)[-1].endswith("Honestly, they were crooks.")


def test_the_writers_report_between_two_excerpts_is_the_writers():
    text = ("HANNITY: Senator, isn't this a total disaster?\n\nKELLER: It's a catastrophe, Sean.\n\n"
            "The numbers tell a different story. Gas prices have fallen for 11 weeks, according to AAA. "
            "That shameful distortion went unchallenged.\n\nHANNITY: Who's to blame?\n\nKELLER: The radical left.\n")
    assert [(f.text, f.voice) for f in analyze(text).findings if f.category.value == "loaded-term"][2] == (
        "shameful distortion", Voice.AUTHOR)
    # A speaker who cites a source is still the speaker.
    text = ("HOST: Is it bad?\n\nGUEST: Yes.\n\nI checked: prices rose 4 percent, according to AAA. It is a disgrace.\n\n"
            "HOST: Thanks.\n\nGUEST: Sure.\n")
    assert {f.voice for f in analyze(text).findings if f.category.value == "loaded-term"} == {Voice.QUOTED}


def test_a_hearings_record_labels_a_title_and_a_surname_in_capitals():
    text = ("Chairman JORDAN. The committee will come to order. Isn't this agency weaponized?\n\n"
            "Mr. NADLER. Mr. Chairman, this hearing is a sham.\n\n"
            "Chairman JORDAN. Why are Democrats so afraid of the truth?\n\nMr. NADLER. That is absurd.\n")
    assert [t.split(".")[0] for t in _turns(text)] == ["Chairman JORDAN", "Mr", "Chairman JORDAN", "Mr"]
    assert {f.voice for f in analyze(text).findings if f.category.value != "unsourced-assertion"} == {Voice.QUOTED}


def test_a_post_pasted_without_its_signature_after_the_writers_lead_in_is_its_authors():
    text = ("Ferrante wrote on X on Saturday night:\n\n"
            "The crooks counting ballots are at it again, and the cowards in the media won't say it.\n\n"
            "County officials wrote to the board:\n\nThe crooks were never there.\n")
    assert [(f.text, f.voice) for f in analyze(text).findings if f.category.value == "loaded-term"] == [
        ("crooks", Voice.QUOTED), ("cowards", Voice.QUOTED), ("crooks", Voice.AUTHOR)]


def test_the_claim_a_fact_check_sets_out_under_a_label_is_the_claims():
    text = ("Claim: A Pfizer executive admitted under oath that the vaccine was a reckless experiment.\n\n"
            "Verdict: False. The executive described the trial as designed.\n\n"
            "CLAIM:\nThe globalist elites rigged the vote in 14 states.\n\n"
            "The claim spread after a reckless post.\n")
    assert [(f.text, f.voice) for f in analyze(text).findings if f.category.value == "loaded-term"] == [
        ("admitted", Voice.QUOTED), ("reckless experiment", Voice.QUOTED), ("globalist elites", Voice.QUOTED),
        ("rigged", Voice.QUOTED), ("reckless post", Voice.AUTHOR)]


def test_an_otter_export_labels_a_name_and_a_time_alone_on_a_line():
    text = ("Maya Chen  0:05\nWelcome back.\n\nRobert Asante  0:12\nFrankly, it's a disaster.\n\n"
            "Maya Chen  0:30\nIsn't that unfair?\n\nRobert Asante  0:34\nMaybe. They've weaponized every review.\n")
    assert [t.split("  ")[0] for t in _turns(text)] == ["Maya Chen", "Robert Asante", "Maya Chen", "Robert Asante"]
    assert {f.voice for f in analyze(text).findings if f.category.value != "unsourced-assertion"} == {Voice.QUOTED}


def test_an_interview_by_plain_names_asks_questions_and_a_digest_does_not():
    text = ("Tran: The hospital lost $22 million last year. Is that acceptable?\n\n"
            "Okafor: No. It's outrageous. Agency staffing cost us $31 million in 2023.\n\n"
            "Tran: Will there be layoffs?\n\n"
            "Okafor: Not among clinical staff.\n")
    assert {(f.text, f.voice) for f in analyze(text).findings} == {("outrageous", Voice.QUOTED)}
    # An interviewer's role, or "Q", asking, and a plain name answering.
    for asker in ("Interviewer", "Q"):
        text = (f"The mayor spoke to us about the budget.\n\n{asker}: Why did the budget double?\n\n"
                "Mayor Ruiz: Of course, the costs rose. Sadly, some say we wasted money.\n\n"
                f"{asker}: Isn't that a failure?\n\nMayor Ruiz: Clearly not. The council approved it.\n")
        assert {f.voice for f in analyze(text).findings} == {Voice.QUOTED}, asker


def test_a_live_blogs_section_labels_are_the_writers():
    text = ("16:42 Analysis: The fiscal headroom is razor-thin. Is this really a budget for growth?\n\n"
            "16:10 Reaction: Business groups welcomed the cut.\n\n"
            "15:35 Analysis: Fuel duty has been frozen for 14 years. It is a disaster for the climate.\n\n"
            "15:02 Reaction: The Resolution Foundation said the poorest would lose £300 a year.\n")
    assert _turns(text) == []


def test_an_answer_runs_on_over_paragraphs_but_not_over_the_writers_lines_between_excerpts():
    text = ("HOST: What went wrong with the rollout?\n\n"
            "GUEST: The vendor missed every deadline.\n\n"
            "Frankly, the whole project was a disaster.\n\n"
            "HOST: Thank you.\n\n"
            "Guest said the project was a disaster. He went on:\n\n"
            "GUEST: Thank you.\n\n"
            "The writer thinks it was a disaster.\n")
    by_text = {}
    for f in analyze(text).findings:
        by_text.setdefault(f.text, []).append(f.voice.value)
    assert by_text["Frankly"] == ["quoted"] and by_text["disaster"] == ["quoted", "author", "author"]


def test_the_last_turn_of_a_text_without_blank_lines_ends_with_its_line():
    # One paragraph a line, as many pages copied to text are: the writer's lines after the transcript.
    text = ("BELIN: Were you Deputy Director of Plans?\nHELMS: I believe so.\n"
            "BELIN: Was Oswald an agent?\nHELMS: No, he was not.\n"
            "Helms was later convicted of lying to Congress.\nHis denial is worthless.\n")
    assert _turns(text)[-1] == "HELMS: No, he was not."


def test_editorial_labels_are_the_writers():
    # They seldom recur, and one label, however often it opens a line, is nobody's dialogue.
    for text in ("UPDATE: The council met again.\nWATCH: The vote, in full.\nThe plan passed.\n",
                 "NOTE: The figures are provisional.\n\nNOTE: Turnout was 31%.\n"):
        assert _turns(text) == [], text


def test_captions_and_sources_name_no_speakers():
    # As transcripts print them; "Photo: …" and "Source: …" lines recur under pictures and charts.
    text = "Photo: the bridge.\nSource: city data.\nPhoto: the ferry.\nSource: port data.\n"
    assert _turns(text) == []


POSTS = (
    "Lawmakers reacted quickly to the disgraceful ruling on Friday.\n\n"
    "The decision is a disaster for working families. Shameful. pic.twitter.com/abc123\n\n"
    "— Jane Doe (@RepJaneDoe) November 3, 2018\n\n"
    "Senator Tom Reed wrote on Twitter:\n"
    "A victory for the Constitution!\n"
    "Sad day for the radical left. https://t.co/xyz — Tom Reed (@TomReed) November 3, 2018\n"
)


def test_a_post_embedded_from_social_media_is_its_authors():
    assert _turns(POSTS) == [
        "The decision is a disaster for working families. Shameful. pic.twitter.com/abc123\n\n"
        "— Jane Doe (@RepJaneDoe) November 3, 2018",
        "A victory for the Constitution!\nSad day for the radical left. https://t.co/xyz — Tom Reed (@TomReed) "
        "November 3, 2018",
    ]
    report = analyze(POSTS)
    voices = {f.text.split()[0]: f.voice for f in report.findings if f.category.value == "loaded-term"}
    assert voices["disaster"] is Voice.QUOTED and voices["Shameful"] is Voice.QUOTED
    assert voices["radical"] is Voice.QUOTED
    assert voices["disgraceful"] is Voice.AUTHOR  # the writer's paragraph above the post stays the writer's
    assert not [f for f in report.findings if f.category.value == "unsourced-assertion" and "@" in f.text]


def test_signatures_of_other_networks_and_plain_text_copies():
    # Bluesky's dotted handle and the time after the date; a hyphen for the dash; the day before the month.
    for signature in ("— Colin Pratt (@mayorpratt.bsky.social) June 9, 2024 at 7:12 AM",
                      "- Colin Pratt (@mayorpratt) June 9, 2024", "— Colin Pratt (@mayorpratt) 9 June 2024"):
        text = f"The mayor weighed in on Sunday.\n\nThis storm was an absolute nightmare. Stay safe.\n{signature}\n"
        assert _turns(text) == [f"This storm was an absolute nightmare. Stay safe.\n{signature}"], signature


def test_a_post_takes_no_more_lines_above_it_than_a_post_can_hold_nor_the_writers_lead_in():
    long_line = "The council met for six hours and voted on every item on its agenda. " * 5 + "\n"
    post = "Proud of our team tonight.\n— Dana Ruiz (@MayorRuiz) March 3, 2026"
    assert _turns(long_line + post + "\n") == [post]
    for lead_in in ("The mayor tweeted after the vote.\n", "And the mayor weighed in…\n", "Ruiz replied:\n"):
        assert _turns(lead_in + post + "\n") == [post], lead_in
    # Lines of the writer's within a post's length, with no lead-in or blank line between, are read as
    # part of it: a text gives no sign where a post begins (a known limit).
    assert _turns("The vote was 7-2.\n" + post + "\n") == ["The vote was 7-2.\n" + post]


def test_a_markdown_block_quotation_is_quoted_material(tmp_path):
    # As HTML's <blockquote>: the mayor's statement is the mayor's, the writer's words around it the writer's.
    from rhetoric.batch import Options, analyze_one
    from rhetoric.extract import markdown

    source = ("---\ntitle: Council debate\n---\n\nThe mayor answered the disgraceful charge in a statement:\n\n"
              "> This disgraceful attack on our budget is a radical scheme.\n>\n> > Nested, it is quoted too.\n\n"
              "The plan passed 7-2.\n")
    extracted = markdown(source)
    assert [extracted.text[a:b] for a, b in extracted.quoted] == [
        "This disgraceful attack on our budget is a radical scheme.", "Nested, it is quoted too."]
    path = tmp_path / "debate.md"
    path.write_text(source, encoding="utf-8")
    report = analyze_one(str(path), Options()).payload
    voices = [(f.text.split()[0], f.voice) for f in report.findings if f.category.value == "loaded-term"]
    assert ("disgraceful", Voice.AUTHOR) in voices and ("disgraceful", Voice.QUOTED) in voices


_PIECES = ["HANNITY: ", "TOENSING: ", "Q: ", "A: ", "UPDATE: ", "Photo: ", "The plan passed. ", "Why? ",
           "pic.twitter.com/x ", "— Jane Doe (@RepJaneDoe) November 3, 2018", "He tweeted:", "…", "\n", "\n\n",
           "(@", "— ", "disgraceful ", "It was a sham."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_turns_are_ordered_disjoint_spans_of_the_text(text):
    turns = speaker_turns(segment(text))
    assert all(0 <= start < end <= len(text) for start, end in turns)
    assert all(a[1] <= b[0] for a, b in zip(turns, turns[1:]))
    report = analyze(text)
    for a in report.sentences:  # a sentence inside a turn is quoted and credited
        if turns.holds(a.start, a.end):
            assert a.quoted and a.attributed


def test_an_html_block_quotation_is_quoted_material(tmp_path):
    from rhetoric.batch import Options, analyze_one

    page = ("<html><head><title>Council debate</title></head><body><article><h1>Council debate</h1>"
            "<p>The mayor answered the disgraceful charge in a statement on Monday, calling the criticism unfair "
            "and saying the plan would save money for residents over the next decade.</p>"
            "<blockquote><p>This disgraceful attack on our budget is a radical scheme by people who want the city "
            "to fail.</p></blockquote>"
            "<p>Council member Ortiz disagreed and said the figures did not add up, according to a transcript of "
            "the meeting released on Tuesday.</p></article></body></html>")
    path = tmp_path / "debate.html"
    path.write_text(page, encoding="utf-8")
    report = analyze_one(str(path), Options()).payload
    voices = [(f.text.split()[0], f.voice) for f in report.findings if f.category.value == "loaded-term"]
    assert ("disgraceful", Voice.AUTHOR) in voices and ("disgraceful", Voice.QUOTED) in voices
