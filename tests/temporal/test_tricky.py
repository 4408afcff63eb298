"""A table of tricky cases: policies, TimeML conventions and precision traps."""

from __future__ import annotations

from datetime import date

import pytest

from sitegen.temporal import tag

NONE = None  # expected: nothing tagged in the whole text

# expected: every tag of the text, in order, as (span, type, value, mod); NONE: nothing tagged;
# a bare value or (value, mod) is shorthand for exactly one tag with that value and mod.
CASES = [  # text, published, expected, why
    ("They met on Monday.", "2024-03-06", [('Monday', 'DATE', '2024-03-04', None)], "past by default in news"),
    ("They met on Monday.", "2024-03-04", [('Monday', 'DATE', '2024-03-04', None)], "same weekday: the publication day itself"),
    ("They will meet on Thursday.", "2024-03-04", [('Thursday', 'DATE', '2024-03-07', None)], "future cue: the coming Thursday"),
    ("They will meet on Monday.", "2024-03-04", [('Monday', 'DATE', '2024-03-04', None)], "future on the same weekday: that day"),
    ("They meet next Monday.", "2024-03-04", [('next Monday', 'DATE', '2024-03-11', None)], "same weekday: next is a week ahead"),
    ("It happened last Monday.", "2024-03-04", [('last Monday', 'DATE', '2024-02-26', None)], "same weekday: last is a week back"),
    ("Ticket sales for the tour open this Saturday.", "2024-03-06", [('this Saturday', 'DATE', '2024-03-09', None)], "'this <weekday>': the day of the DCT's week, no cue needed"),
    ("The ferry sank this Monday off the coast.", "2024-03-06", [('this Monday', 'DATE', '2024-03-04', None)], "... earlier in the DCT's week: past"),
    ("The mayor will open the bridge this Monday.", "2024-03-06", [('this Monday', 'DATE', '2024-03-11', None)], "... with a future cue, a day gone by is the coming one"),
    ("The council will vote this Saturday on the budget.", "2024-03-10", [('this Saturday', 'DATE', '2024-03-16', None)], "a Sunday article with a future cue: the week ahead"),
    ("The ferry sank this Saturday, the coast guard said.", "2024-03-10", [('this Saturday', 'DATE', '2024-03-09', None)], "... without one, the day of the week now ending"),
    ("Rescuers said the ferry sank this Saturday.", "2024-03-04", [('this Saturday', 'DATE', '2024-03-02', None)], "a day still ahead in a past clause (a Monday article): the last one"),
    ("Tens of thousands of fans packed the arena this weekend.", "2024-03-04", [('this weekend', 'DATE', '2024-W09-WE', None)], "... and a weekend: the one just gone"),
    ("This Saturday, farmers blocked the motorway.", "2024-03-05", [('This Saturday', 'DATE', '2024-03-02', None)], "... a fronted mention takes the past verb after it"),
    ("Organizers said the parade is this Saturday.", "2024-03-05", [('this Saturday', 'DATE', '2024-03-09', None)], "a reporting verb does not make the reported clause past"),
    ("The exhibition, which opened in May, closes this Saturday.", "2024-03-05", [('May', 'DATE', '2023-05', None), ('this Saturday', 'DATE', '2024-03-09', None)], "a past verb in an aside does not either"),
    ("Forecasters warned that snow could reach the valleys this weekend.", "2024-03-05", [('this weekend', 'DATE', '2024-W10-WE', None)], "a modal after the past verb carries the clause"),
    ("Crowds packed the market this weekend.", "2024-03-10", [('this weekend', 'DATE', '2024-W10-WE', None)], "a past clause in a Sunday article: the weekend it is in"),
    ("On Tuesday, the agency said a ruling would follow by the end of the day.", "2024-03-08", [('Tuesday', 'DATE', '2024-03-05', None), ('the end of the day', 'DATE', '2024-03-05', 'END')],
     "a reported 'would' after a past verb: the end of the day the story is on, not publication's"),
    ("On Friday, officials said the bridge would reopen by the end of the week.", "2024-03-11", [('Friday', 'DATE', '2024-03-08', None), ('the end of the week', 'DATE', '2024-W10', 'END')],
     "... and of its week"),
    ("On Friday, officials said the bridge will reopen by the end of the week.", "2024-03-11", [('Friday', 'DATE', '2024-03-08', None), ('the end of the week', 'DATE', '2024-W11', 'END')],
     "a present 'will' still moves a week gone by to publication's"),
    ("The plant was shut from Tuesday to Friday last week.", "2024-03-14", [('Tuesday', 'DATE', '2024-03-05', None), ('Friday', 'DATE', '2024-03-08', None), ('last week', 'DATE', '2024-W10', None)],
     "a weekday opening a range never starts after its end: the Tuesday on or before Friday"),
    ("Exports rose 2% from Saturday to March 1.", "2024-03-08", [('Saturday', 'DATE', '2024-02-24', None), ('March 1', 'DATE', '2024-03-01', None)], "... nor after a dated end"),
    ("Talks were held between Monday and Wednesday.", "2024-03-14", [('Monday', 'DATE', '2024-03-11', None), ('Wednesday', 'DATE', '2024-03-13', None)], "a start already before the end stays"),
    ("Travel peaks between Saturday and July 7, AAA expects.", "2023-06-30", [('Saturday', 'DATE', '2023-07-01', None), ('July 7', 'DATE', '2023-07-07', None)], "... and a range ending ahead still moves it ahead"),
    ("The vote is scheduled for Friday.", "2024-03-04", [('Friday', 'DATE', '2024-03-08', None)], "scheduled is a future cue"),
    ("The minister, who will retire soon, met rebels on Tuesday.", "2023-11-06", [('Tuesday', 'DATE', '2023-10-31', None)], "a cue inside a relative clause closed by a comma"),
    ("The talks, set to resume, collapsed on Thursday.", "2023-11-06", [('Thursday', 'DATE', '2023-11-02', None)], "a cue inside an aside; 'collapsed' is past"),
    ("Police expected trouble, but the march on Saturday was calm.", "2023-11-06", [('Saturday', 'DATE', '2023-11-04', None)], "bare 'expected' is not a future cue"),
    ("The deal, which is due to close, was signed on Wednesday.", "2023-11-06", [('Wednesday', 'DATE', '2023-11-01', None)], "'was signed' after the aside is past"),
    ("The minister who will retire soon met rebels on Tuesday.", "2023-11-06", [('Tuesday', 'DATE', '2023-10-31', None)], "a finite past verb between cue and mention"),
    ("Shares would keep sliding after Tesla reported weak deliveries on Tuesday.", "2023-11-10", [('Tuesday', 'DATE', '2023-11-07', None)], "a past verb after a name ('Tesla reported') cancels the cue, as after a pronoun"),
    ("The minister would step down by spring, after Norway rejected the treaty in Sunday's vote.", "2023-11-06", [('spring', 'DATE', '2024-SP', None), ('Sunday', 'DATE', '2023-11-05', None)], "... and before a possessive weekday"),
    ("Ministers will meet Gaza-based aid groups and the displaced families on Friday.", "2023-11-06", [('Friday', 'DATE', '2023-11-10', None)], "an -ed word after a determiner or a hyphen stays no verb"),
    ("The Planned Parenthood clinic will reopen on Monday.", "2023-11-08", [('Monday', 'DATE', '2023-11-13', None)], "a capitalised -ed word is a name, no verb"),
    ("The government will, on Friday, announce cuts.", "2023-11-06", [('Friday', 'DATE', '2023-11-10', None)], "a cue before a parenthesised date keeps it"),
    ("The orchestra, which performed in Vienna on Saturday, will tour Japan next spring.", "2023-11-08", [('Saturday', 'DATE', '2023-11-04', None), ('next spring', 'DATE', '2024-SP', None)],
     "a 'will' right after the mention belongs to the main clause when a past verb comes before it in a relative clause"),
    ("The orchestra, on Saturday, will perform in Vienna.", "2023-11-08", [('Saturday', 'DATE', '2023-11-11', None)], "... without one the 'will' after the mention counts"),
    ("The retired teachers on Saturday will march to parliament.", "2023-11-08", [('Saturday', 'DATE', '2023-11-11', None)], "... an -ed adjective after a determiner is no past verb"),
    ("The summit will be held on Thursday.", "2023-11-06", [('Thursday', 'DATE', '2023-11-09', None)], "'be held' is not a finite past verb"),
    ("The city pool will be closed on Thursday for repairs.", "2023-11-06", [('Thursday', 'DATE', '2023-11-09', None)], "'be closed': a participle, not the past cue 'closed'"),
    ("The old bridge will be partly opened in March.", "2023-11-06", [('March', 'DATE', '2024-03', None)], "... with an adverb between"),
    ("The city pool was closed on Thursday for repairs.", "2023-11-06", [('Thursday', 'DATE', '2023-11-02', None)], "'was closed' stays past"),
    ("The city pool had been closed on Thursday, the council said.", "2023-11-06", [('Thursday', 'DATE', '2023-11-02', None)], "'had been closed' stays past: no future cue"),
    ("Leaders will meet displaced families on Friday.", "2023-11-06", [("Friday", "DATE", "2023-11-10", None)], "an -ed adjective after a verb is not a finite past verb"),
    ("The union will hold a limited strike on Friday.", "2023-11-06", [("Friday", "DATE", "2023-11-10", None)], "an -ed adjective after a determiner is not a finite past verb"),
    ("A retired Air Force colonel will be named head of the regional water board for a term starting in June.", "2023-11-06", [('June', 'DATE', '2024-06', None)],
     "a future cue far back in the same sentence still counts (up to 120 characters)"),
    ("The colonel who will chair the regional water board met the mayors of the flooded river villages in June.", "2023-11-06", [('June', 'DATE', '2023-06', None)],
     "... but not across a finite past verb"),
    ("Farmers were planning to block the main roads on Thursday.", "2023-11-06", [('Thursday', 'DATE', '2023-11-09', None)], "'were planning to': a plan still held"),
    ("Farmers had been planning to block the main roads on Thursday.", "2023-11-06", [('Thursday', 'DATE', '2023-11-02', None)], "'had been planning to': a plan given up"),
    ("On Tuesday, the farmers' union plans to hold a rally in the capital.", "2023-11-06", [('Tuesday', 'DATE', '2023-11-07', None)], "a fronted mention takes the plan of its clause"),
    ("In March, the airline will open two new routes.", "2023-11-06", [('March', 'DATE', '2024-03', None)], "a fronted month takes the 'will' of its clause"),
    ("On Friday, the government planned to pay the first claims.", "2023-11-06", [('Friday', 'DATE', '2023-11-03', None)], "a fronted mention with a plan in the past: what was planned for a past day"),
    ("On Thursday, the singer played to a packed arena, and on Sunday she will headline the festival.", "2023-11-11", [('Thursday', 'DATE', '2023-11-09', None), ('Sunday', 'DATE', '2023-11-12', None)],
     "a mention opening a clause after ', and': the cue of its own clause"),
    ("He met the rebels on Tuesday, but on Friday he plans to fly home.", "2023-11-08", [('Tuesday', 'DATE', '2023-11-07', None), ('Friday', 'DATE', '2023-11-10', None)], "... after ', but'"),
    ("The union will strike on Friday, and on Monday the teachers walked out.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None), ('Monday', 'DATE', '2023-11-06', None)],
     "... whose own clause is past: the 'will' of the clause before is not its cue"),
    ("The union will strike on Friday and on Monday.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None), ('Monday', 'DATE', '2023-11-13', None)], "no comma: no clause of its own, the cue is shared"),
    ("On Tuesday, the court ruled that the law will take effect.", "2023-11-06", [('Tuesday', 'DATE', '2023-10-31', None)], "a fronted mention: a past verb before the cue keeps it past"),
    ("On Tuesday, the minister, who will retire soon, met rebels.", "2023-11-06", [('Tuesday', 'DATE', '2023-10-31', None)], "a fronted mention: a cue in an aside does not count"),
    ("New members can take part in planning for the summit in April.", "2023-11-06", [('April', 'DATE', '2024-04', None)], "'can' points ahead"),
    ("Voters can cast their ballots on Sunday.", "2023-11-06", [('Sunday', 'DATE', '2023-11-12', None)], "'can' points ahead: the coming Sunday"),
    ("Repairs to the pier should be finished in the autumn.", "2023-06-20", [('the autumn', 'DATE', '2023-FA', None)], "'should' points ahead: the coming autumn"),
    ("Repairs to the pier should have been finished in the autumn.", "2023-06-20", [('the autumn', 'DATE', '2022-FA', None)], "'should have' looks back: the last autumn"),
    ("Without the storm, the ferry would have sailed on Friday.", "2023-11-08", [('Friday', 'DATE', '2023-11-03', None)], "'would have' looks back, unlike 'would'"),
    ("The two sides would have to ratify the treaty on Friday.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None)], "'would have to' is no perfect: 'would' points ahead"),
    ("Under the deal, nurses would have a day off on Friday.", "2023-11-08", [('a day', 'DURATION', 'P1D', None), ('Friday', 'DATE', '2023-11-10', None)], "'would have' + a noun is no perfect"),
    ("Owners should have their dogs microchipped on Friday.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None)], "'should have' + a noun phrase is no perfect: 'should' points ahead"),
    ("The navy said it will hit Iran backed rebels on Friday.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None)], "'Iran backed rebels' is a compound adjective, no subject and past verb"),
    ("The envoy will visit Ukrainian displaced children in Krakow on Friday.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None)], "a nationality adjective is no subject"),
    ("The militia will shell Kurdish held villages on Friday.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None)], "'Kurdish held' is no subject and past verb"),
    ("Customers will lose Microsoft owned services on Friday.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None)], "'Microsoft owned services': a compound adjective"),
    ("Stocks will keep falling after Moscow backed the plan on Tuesday.", "2023-11-08", [('Tuesday', 'DATE', '2023-11-07', None)], "'Moscow backed the plan': a name and its past verb"),
    ("The pound would slide further, after Scotland voted in Thursday's referendum.", "2016-06-24", [('Thursday', 'DATE', '2016-06-23', None)], "'Scotland voted in': a name and its past verb"),
    ("Organisers said the bus service on Friday will run as usual.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None)], "a reporting verb opening the clause is no past event of the mention: 'Friday, will' points ahead"),
    ("Police confirmed the parade on Saturday will go ahead.", "2023-11-08", [('Saturday', 'DATE', '2023-11-11', None)], "'confirmed' introduces the clause: 'Saturday will' points ahead"),
    ("The firm, which reported losses on Tuesday, will cut jobs.", "2023-11-08", [('Tuesday', 'DATE', '2023-11-07', None)], "a reporting verb in a relative clause is the mention's past event"),
    ("The band, which played in Oslo on Saturday, will tour Asia in the spring.", "2023-11-08", [('Saturday', 'DATE', '2023-11-04', None), ('the spring', 'DATE', '2024-SP', None)], "'which played ... on Saturday, will': the main clause's cue"),
    ("Savers should note that the central bank cut rates in September.", "2023-11-08", [('September', 'DATE', '2023-09', None)], "'that the bank cut': a finite past verb cancels 'should'"),
    ("Critics say the officers should be sacked over the raid carried out in March.", "2023-11-08", [('March', 'DATE', '2023-03', None)], "'the raid carried out in March': a past participle cancels 'should'"),
    ("The bank will make a rate cut in September.", "2023-11-08", [('September', 'DATE', '2024-09', None)], "'a rate cut' is a noun: the cue stands"),
    ("Without the strike, the ferry would have never sailed on Friday.", "2023-11-08", [('Friday', 'DATE', '2023-11-03', None)], "'would have' + an adverb + a participle is a perfect"),
    ("Inspectors should visit the site on Thursday.", "2023-11-06", [('Thursday', 'DATE', '2023-11-09', None)], "'should' before a weekday: the coming one"),
    ("Anyone can see that the two leaders met in April.", "2023-11-06", [('April', 'DATE', '2023-04', None)], "'can' before a finite past verb: past"),
    ("Lawyers for the family will appeal Wednesday's ruling.", "2023-11-10", [('Wednesday', 'DATE', '2023-11-08', None)], "'Wednesday's ruling' has happened, whatever the clause plans"),
    ("Investigators would look into Tuesday night's explosion.", "2023-11-10", [('Tuesday night', 'TIME', '2023-11-07TNI', None)], "a part of day before the event that happened"),
    ("Leaders will attend Sunday's summit in the capital.", "2023-11-10", [('Sunday', 'DATE', '2023-11-12', None)], "a summit may lie ahead: the future cue counts"),
    ("Farmers planned a large rally in the capital on Saturday.", "2023-11-09", [('Saturday', 'DATE', '2023-11-11', None)], "'planned a <noun>': the plan's day lies ahead"),
    ("Farmers had planned a large rally in the capital on Saturday.", "2023-11-09", [('Saturday', 'DATE', '2023-11-04', None)], "'had planned a': a plan in the past"),
    ("A vigil planned by students for Saturday was called off.", "2023-11-09", [('Saturday', 'DATE', '2023-11-04', None)], "'planned' as a participle is no cue"),
    ("The president has called a snap general election for Sunday.", "2023-11-07", [('Sunday', 'DATE', '2023-11-12', None)], "a scheduling verb, its object and 'for': the day is ahead"),
    ("The court set a bail hearing for Monday.", "2023-11-09", [('Monday', 'DATE', '2023-11-13', None)], "... 'set a hearing for'"),
    ("The ballot is set for Friday.", "2023-11-07", [('Friday', 'DATE', '2023-11-10', None)], "... 'set for' without an object"),
    ("The president had called a snap general election for Sunday.", "2023-11-07", [('Sunday', 'DATE', '2023-11-05', None)], "'had called': a plan of the past"),
    ("A vigil planned for Saturday was called off.", "2023-11-09", [('Saturday', 'DATE', '2023-11-04', None)], "a past verb right after the day: no day set ahead"),
    ("Opposition leaders called for calm on Sunday.", "2023-11-07", [('Sunday', 'DATE', '2023-11-05', None)], "'called for calm on': no day set for"),
    ("Unions called for Sunday's rally to go ahead.", "2023-11-07", [('Sunday', 'DATE', '2023-11-05', None)], "'for Sunday's rally': the day names its event, as without the cue"),
    ("The two ministers meet separately Monday with the mediator.", "2023-11-10", [('Monday', 'DATE', '2023-11-13', None)], "a verb in the present before the day: a timetable"),
    ("The exhibition opens Friday in the old harbour.", "2023-11-06", [('Friday', 'DATE', '2023-11-10', None)], "'opens Friday': ahead"),
    ("Ticket sales begin at 9 a.m. Friday on the club's website.", "2023-11-08", [('9 a.m. Friday', 'TIME', '2023-11-10T09:00', None)], "a timetable's present before a clock time and its day: ahead"),
    ("Ticket sales began at 9 a.m. Friday on the club's website.", "2023-11-08", [('9 a.m. Friday', 'TIME', '2023-11-03T09:00', None)], "... in the past stays past"),
    ("The two ministers met separately Monday with the mediator.", "2023-11-10", [('Monday', 'DATE', '2023-11-06', None)], "the same in the past stays past"),
    ("The minister paid a visit Monday to the flooded towns.", "2023-11-10", [('Monday', 'DATE', '2023-11-06', None)], "a noun before the day ('a visit') is no present verb"),
    ("The city council returns from its summer recess on Tuesday.", "2023-11-08", [('Tuesday', 'DATE', '2023-11-14', None)], "a timetable's present with a phrase before 'on': ahead"),
    ("The trade minister travels to Brussels on Friday for talks.", "2023-11-08", [('Friday', 'DATE', '2023-11-10', None)], "... 'travels to <place> on'"),
    ("The squad returns home on Sunday.", "2023-11-08", [('Sunday', 'DATE', '2023-11-12', None)], "... 'returns home on'"),
    ("The city council returned from its summer recess on Tuesday.", "2023-11-08", [('Tuesday', 'DATE', '2023-11-07', None)], "the same in the past stays past"),
    ("She celebrated her return to Paris on Monday.", "2023-11-08", [('Monday', 'DATE', '2023-11-06', None)], "'her return' is a noun, no timetable"),
    ("Investors cheered strong returns from the fund on Monday.", "2023-11-08", [('Monday', 'DATE', '2023-11-06', None)], "'returns' after a past verb is a noun"),
    ("The inquiry report returns to the events of Monday.", "2023-11-08", [('Monday', 'DATE', '2023-11-06', None)], "a phrase must end in 'on' before the day: 'of Monday' is no timetable"),
    ("The harbour ferries run a holiday timetable from Saturday through Jan. 2.", "2023-12-20", [('Saturday', 'DATE', '2023-12-23', None), ('Jan. 2', 'DATE', '2024-01-02', None)], "a range that ends ahead starts ahead"),
    ("Museum hours are extended between Sunday and Dec. 28.", "2023-12-20", [('Sunday', 'DATE', '2023-12-24', None), ('Dec. 28', 'DATE', '2023-12-28', None)], "... 'between ... and' too"),
    ("Traffic was diverted between Monday and Wednesday.", "2023-11-16", [('Monday', 'DATE', '2023-11-13', None), ('Wednesday', 'DATE', '2023-11-15', None)], "a range that ends in the past stays past"),
    ("Officials postponed any action until Tuesday morning.", "2000-03-30", [('Tuesday morning', 'TIME', '2000-04-04TMO', None)], "'until' sets a deadline: ahead"),
    ("The group could arrive as soon as Tuesday.", "2000-04-03", [('Tuesday', 'DATE', '2000-04-04', None)], "'as soon as' points ahead"),
    ("It was not until Tuesday that he spoke.", "2000-03-29", [('Tuesday', 'DATE', '2000-03-28', None)], "a past clause before the deadline cue"),
    ("The crowds had gone by Saturday.", "2023-11-06", [('Saturday', 'DATE', '2023-11-04', None)], "'had' before 'by': a past deadline"),
    ("They met in March. Two days later, it ended.", "2023-11-08", [('March', 'DATE', '2023-03', None), ('Two days later', 'DATE', 'XXXX-XX-XX', None)], "days off a month name no day: unknown, not March"),
    ("They left the following week. A day earlier, talks failed.", "2023-11-08", [('the following week', 'DATE', '2023-W46', None), ('A day earlier', 'DATE', 'XXXX-XX-XX', None)], "a day off a week is no week"),
    ("He is expected to resign on Thursday.", "2023-11-06", [('Thursday', 'DATE', '2023-11-09', None)], "'is expected to' is a future cue"),
    ("The minister said Friday that he will resign.", "2024-03-04", [('Friday', 'DATE', '2024-03-01', None)], "reporting verb wins over a later 'will'"),
    ("They met on Monday.", None, [('Monday', 'DATE', 'XXXX-WXX-1', None)], "no publication date: underspecified"),
    ("Prices fell yesterday.", None, [('yesterday', 'DATE', 'XXXX-XX-XX', None)], "no publication date: never today's date"),
    ("this week", None, [('this week', 'DATE', 'XXXX-WXX', None)], "no publication date: week"),
    ("in 2019", None, [('2019', 'DATE', '2019', None)], "absolute dates resolve without a publication date"),
    ("They may meet again.", "2024-03-04", NONE, "'may' the modal verb"),
    ("Thousands will march on Sunday.", "2024-03-04", [('Sunday', 'DATE', '2024-03-10', None)], "'march' the verb is not a month"),
    ("About 1,500 people marched.", "2024-03-04", NONE, "a number with a comma is not a year"),
    ("It cost $2000.", "2024-03-04", NONE, "money is not a year"),
    ("He flew a Boeing 747.", "2024-03-04", NONE, "model numbers are not years"),
    ("Some 2000 troops arrived.", "2024-03-04", NONE, "a count of troops is not a year"),
    ("music of the 1990s", "2024-03-04", [('the 1990s', 'DATE', '199', None)], "a decade"),
    ("in the mid-1990s", "2024-03-04", [('the mid-1990s', 'DATE', '199', 'MID')], "a decade with a modifier"),
    ("prices rose in mid-October", "2023-11-06", [('mid-October', 'DATE', '2023-10', 'MID')], "mid-month: value plus mod"),
    ("The firm was sold late last year.", "2023-11-06", [('late last year', 'DATE', '2022', 'END')], "late last year: END"),
    ("Earlier this year it grew.", "2023-11-06", [('Earlier this year', 'DATE', '2023', 'START')], "earlier this year: START"),
    ("in late March", "2024-01-10", [('late March', 'DATE', '2024-03', 'END')], "value plus mod, kept apart; two months ahead"),
    ("Profit rose in the third quarter.", "1989-11-02", [('the third quarter', 'DATE', '1989-Q3', None)], "a quarter of this year"),
    ("Profit rose in the fourth quarter.", "1989-08-02", [('the fourth quarter', 'DATE', '1988-Q4', None)], "a quarter not begun yet: last year's"),
    ("Net rose in the second quarter of 1990.", "1989-11-02", [('the second quarter of 1990', 'DATE', '1990-Q2', None)], "explicit year"),
    ("They met on Nov. 4, 2023. Two days later, talks failed.", None, [('Nov. 4, 2023', 'DATE', '2023-11-04', None), ('Two days later', 'DATE', '2023-11-06', None)], "anchored to the previous date"),
    ("They met in May 1989. A few days later the talks failed.", "1989-11-01", [('May 1989', 'DATE', '1989-05', None), ('A few days later', 'DURATION', 'PXD', None)], "a vague count after a past reference is no future date: its length only"),
    ("Fighting began on March 3, 2022; a day earlier, talks failed.", None, [('March 3, 2022', 'DATE', '2022-03-03', None), ('a day earlier', 'DATE', '2022-03-02', None)], "a day earlier"),
    ("They protest every Friday.", "2024-03-04", [('every Friday', 'SET', 'XXXX-WXX-5', None)], "a set"),
    ("for two-and-a-half hours", "2024-03-04", [('two-and-a-half hours', 'DURATION', 'PT2H30M', None)], "a fractional duration"),
    ("over the last couple of years", "2023-11-06", [('the last couple of years', 'DURATION', 'P2Y', None)], "a couple is two"),
    ("during its month long assault", "2023-11-06", [('month long', 'DURATION', 'P1M', None)], "month long"),
    ("They began a month-long assault.", "2023-11-06", [('month-long', 'DURATION', 'P1M', None)], "the article stays outside an adjectival duration: 'a [month-long]'"),
    ("Turkey is now a mediator.", "2023-11-06", [('now', 'DATE', 'PRESENT_REF', None)], "now"),
    ("He recently resigned.", "2023-11-06", [('recently', 'DATE', 'PAST_REF', None)], "recently"),
    ("It will matter in the future.", "2023-11-06", [('the future', 'DATE', 'FUTURE_REF', None)], "the future"),
    ("the 6-year-old boy", "2023-11-06", NONE, "an age is not a duration"),
    ("It was founded two years ago.", "1998-03-03", [('two years ago', 'DATE', '1996', None)], "ago counts from publication, year granularity"),
    ("the weekend", "2023-11-11", [('the weekend', 'DATE', '2023-W45-WE', None)], "a weekend article: that weekend"),
    ("Talks resume next spring.", "2023-11-06", [('next spring', 'DATE', '2024-SP', None)], "next season"),
    ("since last April", "1989-10-30", [('last April', 'DATE', '1989-04', None)], "last April: the latest April before the publication month"),
    ("The dividend is payable Dec. 15.", "1989-10-30", [('Dec. 15', 'DATE', '1989-12-15', None)], "a day without year: the closest"),
    ("for the year ended March 31", "1989-11-01", [('the year', 'DURATION', 'P1Y', None), ('March 31', 'DATE', '1989-03-31', None)], "ended is a past cue"),
    ("The jobs report for January was strong.", "1998-02-06", [('January', 'DATE', '1998-01', None)], "a bare month: past"),
    ("A bond due in January.", "1989-10-30", [('January', 'DATE', '1990-01', None)], "a bare month within two months ahead: future"),
    ("The retailer switched its books to a calendar year in December.", "2023-10-20", [('December', 'DATE', '2022-12', None)],
     "a month in the next two told in a past clause (an opening noun phrase and its past verb): the last one"),
    ("Fans packed the arena in December.", "2023-10-20", [('December', 'DATE', '2022-12', None)], "... a past verb after its subject"),
    ("A bond issued in 1985 matures in December.", "2023-10-20", [('1985', 'DATE', '1985', None), ('December', 'DATE', '2023-12', None)],
     "a participle after the opening noun phrase, then a verb in the present: ahead"),
    ("The board voted to sell the unit in December.", "2023-10-20", [('December', 'DATE', '2023-12', None)], "what follows an infinitive is later than the past verb: ahead"),
    ("Net rose in the third quarter. The firm moved its year-end in December. In the year-ago quarter, net fell.", "2023-10-20",
     [('the third quarter', 'DATE', '2023-Q3', None), ('year-end', 'DATE', '2023', 'END'), ('December', 'DATE', '2022-12', None), ('the year-ago quarter', 'DATE', '2022-Q3', None)],
     "a month named since the last quarter does not change the quarter a year-ago quarter compares with"),
    ("He was born in 1955.", "2024-03-04", [('1955', 'DATE', '1955', None)], "a year"),
    ("prices of the year 2000", "2024-03-04", [('the year 2000', 'DATE', '2000', None)], "the year 2000"),
    ("in the summer of 1990", "2024-03-04", [('the summer of 1990', 'DATE', '1990-SU', None)], "season of a year"),
    ("a fall in prices", "2024-03-04", NONE, "fall the noun is not autumn"),
    ("He sat.", "2024-03-04", NONE, "sat. is not Saturday"),
    ("He will spring into action.", "2023-11-06", NONE, "a bare season needs a preposition or a determiner"),
    ("He won the first half.", "2023-11-06", NONE, "a half needs a time-period context (of the year, of 2023, fiscal)"),
    ("Black Friday sales rose.", "2023-12-05", [('Black Friday', 'DATE', '2023-11-24', None)], "a named day is not last Friday (12-01): the day after Thanksgiving"),
    ("Super Tuesday sales rose.", "2023-11-06", NONE, "a named day we do not know is not last Tuesday"),
    ("The Good Friday Agreement was signed in 1998.", "2023-11-06", [("1998", "DATE", "1998", None)], "a holiday before a capitalised word is a name"),
    ("The now-defunct firm closed.", "2023-11-06", NONE, "'now-' in an adjective"),
    ("an electric current", "2023-11-06", NONE, "the noun 'current' is not the present"),
    ("the current account deficit", "2023-11-06", NONE, "'current account' is not the present"),
    ("Rockets fell last night.", "1998-01-20", [('last night', 'TIME', '1998-01-19TNI', None)], "last night is yesterday's night"),
    ("He spoke this morning.", "1998-02-06", [('this morning', 'TIME', '1998-02-06TMO', None)], "this morning"),
    ("a profit of $33 million a year", "1989-10-26", [('a year', 'SET', 'P1Y', None)], "a rate is a set"),
    ("Rents may climb 4 percent annually.", "2023-11-06", NONE, "a growth rate: 'annually' after a percentage is not a recurring event"),
    ("Queues for bread became part of their daily routine.", "2023-11-06", [('daily', 'SET', 'P1D', None)], "a frequency adjective after a possessive: a set"),
    ("The governor gave her weekly phone-in on the radio.", "2023-11-06", [('weekly', 'SET', 'P1W', None)], "weekly after a possessive"),
    ("the daily Granma reported the visit", "2023-11-06", NONE, "a newspaper's name after 'daily': the noun, no time"),
    ("The daily said the minister resigned.", "2023-11-06", NONE, "'the daily' before a verb is the newspaper"),
    ("The board raised its quarterly dividend.", "2023-11-06", NONE, "quarterly and annual adjectives are left out, as the gold does"),
    ("Shareholders met at the annual meeting.", "2023-11-06", NONE, "an annual meeting is not tagged"),
    ("the average daily trading volume of the exchange", "2023-11-06", NONE, "a rate after 'average' is left out"),
    ("Ski resorts typically earn most in the first quarter.", "2023-11-06", [('the first quarter', 'SET', 'XXXX-Q1', None)], "a habitual clause: the first quarter of any year"),
    ("Most weddings are usually booked in the second and third quarters.", "2023-11-06", [('second', 'SET', 'XXXX-Q2', None), ('third quarters', 'SET', 'XXXX-Q3', None)], "coordinated generic quarters, spanned as TimeBank does"),
    ("Ski resorts earned most in the first quarter.", "2023-11-06", [('the first quarter', 'DATE', '2023-Q1', None)], "no habitual adverb: that year's quarter"),
    ("The river flooded the town in the past two springs.", "2023-11-06", [('the past two springs', 'SET', 'XXXX-SP', None)], "counted seasons are no stretch of time: a set of springs"),
    ("The chapel was built early in the last century.", "2024-03-04", [('early in the last century', 'DATE', '19', 'START')], "'the last century' not after a preposition of extent (here an edge's 'in') is the calendar century before this one"),
    ("The mansion dates from the last century.", "2024-03-04", [('the last century', 'DATE', '19', None)], "... as after 'from'"),
    ("Winters have warmed throughout the last century.", "2024-03-04", [('the last century', 'DURATION', 'P100Y', None)], "... after one, the hundred years up to now"),
    ("Prices climbed during the past decade.", "2024-03-04", [('the past decade', 'DURATION', 'P10Y', None)], "'the past' is always a span"),
    ("in the 20th century", "2024-03-04", [('the 20th century', 'DATE', '19', None)], "centuries"),
    ("a feud kept up for centuries", "2024-03-04", [('centuries', 'DURATION', 'PXC', None)], "a vague count of centuries keeps TimeML's C"),
    ("ending a decades-long feud", "2024-03-04", [('decades-long', 'DURATION', 'PXY', None)], "decades count in years, like 'two decades' = P20Y"),
    ("music of the nineties", "2024-03-04", [('the nineties', 'DATE', '199', None)], "decade words"),
    ("a man in his sixties", "2024-03-04", NONE, "an age is not a decade"),
    ("Stores opened at dawn on Black Friday, and the rush moved online by Cyber Monday.", "2019-12-04", [('Black Friday', 'DATE', '2019-11-29', None), ('Cyber Monday', 'DATE', '2019-12-02', None)],
     "shopping days counted from Thanksgiving: the day after, and the Monday after"),
    ("It was a black Friday for the markets.", "2019-12-10", [('Friday', 'DATE', '2019-12-06', None)], "a lower-case 'black' is no named day: the Friday before"),
    ("The pipes froze on New Year's Eve and burst on New Year's Day.", "2023-01-04", [("New Year's Eve", 'DATE', '2022-12-31', None), ("New Year's Day", 'DATE', '2023-01-01', None)],
     "the eve of a new year and its first day"),
    ("The bridge reopens at midnight and the ferry stops at noon.", "2022-06-08", [('midnight', 'TIME', '2022-06-08T24:00', None), ('noon', 'TIME', '2022-06-08T12:00', None)],
     "midnight and noon are clock times, T24:00 (the end of the day) and T12:00, not parts of day"),
    ("Guards patrolled in the middle of the night.", "2022-06-08", [('the middle of the night', 'TIME', '2022-06-08TNI', 'MID')], "'the middle of the night' is a part of day, not midnight"),
    ("Lawmakers haggled until the midnight deadline.", "2024-03-06", NONE, "'the mid' is an edge word, but 'the midnight deadline' is no part of day and no time"),
    ("We dined at the Midnight Diner.", "2024-03-06", NONE, "... nor is a name"),
    ("The truce began at midnight on Sunday and held until noon on March 5.", "2024-03-06",
     [('midnight on Sunday', 'TIME', '2024-03-03T24:00', None), ('noon on March 5', 'TIME', '2024-03-05T12:00', None)],
     "midnight and noon join 'on <day>' as clock times do"),
    ("The shift ran from 9 p.m. to midnight, and the bars stayed open past midnight.", "2024-03-06",
     [('9 p.m.', 'TIME', '2024-03-06T21:00', None), ('midnight', 'TIME', '2024-03-06T24:00', None), ('midnight', 'TIME', '2024-03-06T24:00', None)],
     "the end of a range and 'past midnight' are clock times"),
    ("The choir sang to midnight revellers.", "2024-03-06", NONE, "'to' without a range start is no range end"),
    ("The swimmer crossed the channel in 9 hours 44 minutes.", "2022-08-01", [('9 hours 44 minutes', 'DURATION', 'PT9H44M', None)], "units joined into one length"),
    ("The convoy set off 2 hours 40 minutes ago.", "2024-03-06", NONE, "a compound offset: no fragment '2 hours' (the whole is no day: untagged)"),
    ("The foal was 1 year 2 months old.", "2024-03-06", NONE, "a compound age is no duration"),
    ("The mission lasted 2 years, 6 months and 12 days.", "2024-03-06", [('2 years, 6 months and 12 days', 'DURATION', 'P2Y6M12D', None)], "a listed compound, commas and a final 'and', is one length"),
    ("He spent 5 years, 2 months of them abroad.", "2024-03-06", [('5 years', 'DURATION', 'P5Y', None), ('2 months', 'DURATION', 'P2M', None)], "... a bare comma without the final 'and' is no list"),
    ("The pumps run 20 hours a day, six days a week.", "2022-08-01", [('20 hours', 'DURATION', 'PT20H', None), ('a day', 'SET', 'P1D', None), ('six days', 'DURATION', 'P6D', None), ('a week', 'SET', 'P1W', None)],
     "rates: a larger unit after a smaller one is no sum"),
    ("Policymakers delivered two quarter-point cuts and hinted at a half-point one.", "2022-08-01", NONE, "a quarter point is a quarter of a percentage point, no time"),
    ("Sales fell for two quarters in a row.", "2022-08-01", [('two quarters', 'DURATION', 'P6M', None)], "two quarters without 'point' are six months"),
    ("The bypass opened a year earlier than planned.", "2022-08-01", [('a year', 'DURATION', 'P1Y', None)], "'a year earlier than': a length, not the year-earlier period"),
    ("Exports rose 4% from a year earlier.", "2022-08-01", [('a year earlier', 'DATE', '2021', None)], "... without 'than', the point a year back"),
    ("The bridge opened roughly six months later than promised.", "2022-08-01", [('roughly six months', 'DURATION', 'P6M', 'APPROX')], "'later than' compares two points: the gap is a length"),
    ("The bridge opened in May 2021. Six months later, it closed.", "2022-08-01", [('May 2021', 'DATE', '2021-05', None), ('Six months later', 'DATE', '2021-11', None)], "without 'than' it is a point counted off the last date"),
    ("Wages have stagnated for most of the past decade.", "2016-03-01", [('the past decade', 'DURATION', 'P10Y', None)], "the ten years up to now, not the 2000s"),
    ("The plant was built early last decade.", "2016-03-01", [('early last decade', 'DATE', '200', 'START')], "bare 'last decade' is the calendar decade before"),
    ("The magazine now appears monthly instead of weekly.", "2021-04-02", [('now', 'DATE', 'PRESENT_REF', None), ('monthly', 'SET', 'P1M', None), ('weekly', 'SET', 'P1W', None)],
     "frequency adverbs before 'instead' and at the end: both sets"),
    ("The board cut its monthly payment instead.", "2021-04-02", NONE, "an adjective after a determiner stays out"),
    ("She made a new year's resolution to run daily.", "2023-01-04", [('daily', 'SET', 'P1D', None)], "'new year's' before a noun is no day"),
    ("It happened on 4 November 2023.", None, [('4 November 2023', 'DATE', '2023-11-04', None)], "day month year"),
    ("Nov. 4", "2023-11-06", [('Nov. 4', 'DATE', '2023-11-04', None)], "an abbreviated month with a day"),
    ("Monday, Nov. 4", "2023-11-06", [('Monday, Nov. 4', 'DATE', '2024-11-04', None)], "the weekday picks the year: Nov. 4, 2023 is a Saturday"),
    ("The election will be held on Thursday, Jan. 5.", "2023-12-20", [('Thursday, Jan. 5', 'DATE', '2023-01-05', None)], "the weekday picks the year: Jan. 5, 2024 is a Friday"),
    ("November 4th", "2023-11-06", [('November 4th', 'DATE', '2023-11-04', None)], "an ordinal day"),
    ("in the first half of 1990", "2024-03-04", [('the first half of 1990', 'DATE', '1990-H1', None)], "halves"),
    ("The carmaker posted a second-half pretax profit, up from a loss in the same period a year earlier.", "2020-02-12",
     [('second-half', 'DATE', '2019-H2', None), ('the same period a year earlier', 'DATE', '2018-H2', None)],
     "a hyphenated half before results is the half reported (the second has not begun: last year's) and the period under discussion"),
    ("The miner reported first-half earnings on Thursday and said the year-ago period had been weaker.", "2021-08-20",
     [('first-half', 'DATE', '2021-H1', None), ('Thursday', 'DATE', '2021-08-19', None), ('the year-ago period', 'DATE', '2020-H1', None)],
     "a reporting day after the half does not replace it as the period a year-ago figure compares with"),
    ("The first-half goal was disallowed.", "2023-11-06", NONE, "a hyphenated half before a noun of sport is a match's"),
    ("Rents climbed in the first half of 2022, the agency said Friday, and should ease in the second half.", "2022-09-02",
     [('the first half of 2022', 'DATE', '2022-H1', None), ('Friday', 'DATE', '2022-09-02', None), ('the second half', 'DATE', '2022-H2', None)],
     "a bare half after a named half is that year's other half, across a reporting day"),
    ("Freight volumes slumped last year. In the first half, the port handled fewer ships.", "2024-02-01",
     [('last year', 'DATE', '2023', None), ('the first half', 'DATE', '2023-H1', None)], "a bare half of the year named in the sentence before"),
    ("The bakery chain will open new stores in the second half.", "2023-03-15", NONE,
     "a business story without a named half or year is not enough for a bare half (a match has halves too)"),
    ("He scored in the second half.", "2023-11-06", NONE, "a match's half"),
    ("Orders dried up in 2022. The firm forecasts demand to pick up in the second half.", "2023-09-01", [('2022', 'DATE', '2022', None), ('the second half', 'DATE', '2023-H2', None)],
     "a forecast with an object before 'to': a half of a year already over is this year's"),
    ("Orders dried up in 2022, and demand picked up in the second half.", "2023-09-01", [('2022', 'DATE', '2022', None), ('the second half', 'DATE', '2022-H2', None)], "... a past one is that year's"),
    ("In 2022 the Bulls trailed by nine and rallied in the second half.", "2023-09-01", [('2022', 'DATE', '2022', None)], "words of sport (the [sportword] vocabulary) keep a half out"),
    ("The 2021 playoffs turned in the second half.", "2023-09-01", [('2021', 'DATE', '2021', None)], "... before it too"),
    ("At the 2019 cup final the home side scored late in the second half.", "2023-11-06", [('2019', 'DATE', '2019', None)],
     "a year just named, but words of sport around the half"),
    ("She told USA Today that she would run.", "2023-11-06", NONE, "'Today' after an acronym is a title (VOA Today, USA Today)"),
    ("Online sales beat last year's quarter.", "2023-08-01", [("last year's quarter", 'DATE', '2022-Q2', None)],
     "a year-back quarter with no quarter under discussion: the last reported one, a year back"),
    ("The bank earned $4 million in the quarter ended June 30; year-ago profit was lower.", "2023-08-01", [('the quarter', 'DATE', '2023-Q2', None), ('June 30', 'DATE', '2023-06-30', None), ('year-ago', 'DATE', '2022-Q2', None)],
     "the end day of a quarter does not replace the quarter under discussion"),
    ("The ferry sails on Friday and Saturday nights.", "2023-11-06", [('Friday', 'SET', 'XXXX-WXX-5TNI', None), ('Saturday nights', 'SET', 'XXXX-WXX-6TNI', None)], "a coordinated weekday shares the plural part of day: a set, not last Monday"),
    ("The town hopes it will one day host the games.", "2023-11-06", [('one day', 'DATE', 'FUTURE_REF', None)], "'will one day' + verb is 'someday', not a day long"),
    ("She joined in June 2011 and later ran the unit.", "2023-11-06", [('June 2011', 'DATE', '2011-06', None)],
     "'and later' + verb is an adverb: the month keeps its year"),
    ("In March, two thousand troops arrived.", "2023-11-06", [('March', 'DATE', '2023-03', None)], "'two thousand' before a noun is a count: only the month is a date"),
    ("In the summer of two thousand workers struck.", "2023-11-06", [('the summer', 'DATE', '2023-SU', None)], "a count after 'the summer of' is not the year 2000"),
    ("Snow closed the pass in the winter of nineteen eighty-eight.", "2023-11-06", [('the winter of nineteen eighty-eight', 'DATE', '1988-WI', None)], "a spoken year names the season's year"),
    ("the following week", None, [('the following week', 'DATE', 'XXXX-WXX', None)], "anaphoric without any anchor"),
    ("They met on Nov. 1. The next day, talks failed.", "2023-11-06", [('Nov. 1', 'DATE', '2023-11-01', None), ('The next day', 'DATE', '2023-11-02', None)], "'the next' counts from the story, not from publication"),
    ("The firm was founded in 1995. The next year it went public.", "2023-11-06", [('1995', 'DATE', '1995', None), ('The next year', 'DATE', '1996', None)], "'the next year' after a year"),
    ("The war began on March 3, 2022. The next week, talks failed.", "2023-11-06", [('March 3, 2022', 'DATE', '2022-03-03', None), ('The next week', 'DATE', '2022-W10', None)], "'the next week' after a day"),
    ("Talks resumed in March\n\n2 killed in blast.", "2023-11-06", [('March', 'DATE', '2023-03', None)], "a match never runs across a paragraph break"),
    ("It was founded in 1995. The following year it went public.", None, [('1995', 'DATE', '1995', None), ('The following year', 'DATE', '1996', None)], "the following year"),
    ("Net rose in the third quarter from $5 million a year earlier.", "1989-11-02", [('the third quarter', 'DATE', '1989-Q3', None), ('a year earlier', 'DATE', '1988-Q3', None)], "a year earlier keeps the quarter"),
    ("Sales rose in the third quarter. In the quarter ended April 30, the retailer lost money.", "2023-10-26", [('the third quarter', 'DATE', '2023-Q3', None), ('the quarter', 'DATE', '2023-Q1', None), ('April 30', 'DATE', '2023-04-30', None)],
     "a quarter named by its end day is that quarter, not the one under discussion"),
    ("For the nine months, net rose to $9 million from $8 million a year earlier.", "1989-11-02", [('the nine months', 'DURATION', 'P9M', None), ('a year earlier', 'DATE', '1988', None)],
     "after a results span, a year earlier is its year a year back: nine months are no quarter"),
    ("Net fell in the third quarter. For the nine months, net was $9 million; in the year-earlier period it was $8 million.", "1989-11-02", [('the third quarter', 'DATE', '1989-Q3', None), ('the nine months', 'DURATION', 'P9M', None), ('the year-earlier period', 'DURATION', 'P9M', None)],
     "the year-earlier period after a results span is that span, a duration as 'the year-earlier nine months'"),
    ("For the nine months, net rose. In the third quarter, it fell from a year earlier.", "1989-11-02", [('the nine months', 'DURATION', 'P9M', None), ('the third quarter', 'DATE', '1989-Q3', None), ('a year earlier', 'DATE', '1988-Q3', None)],
     "a quarter named after the span is the period under discussion again"),
    ("Net rose in the third quarter. After a weak second quarter, sales recovered; in the year-earlier period, costs were high.", "1989-11-02", [('the third quarter', 'DATE', '1989-Q3', None), ('second quarter', 'DATE', '1989-Q2', None), ('the year-earlier period', 'DATE', '1988-Q3', None)],
     "a quarter after 'after' is background: the reported quarter stays under discussion"),
    ("Net rose in the third quarter. In the second quarter, it fell from a year earlier.", "1989-11-02", [('the third quarter', 'DATE', '1989-Q3', None), ('the second quarter', 'DATE', '1989-Q2', None), ('a year earlier', 'DATE', '1988-Q2', None)],
     "a quarter the story turns to is under discussion"),
    ("Net fell in the quarter ended Sept. 30. This quarter's loss includes charges.", "1989-11-01", [('the quarter', 'DATE', '1989-Q3', None), ('Sept. 30', 'DATE', '1989-09-30', None), ('This quarter', 'DATE', '1989-Q3', None)],
     "results owned by 'this quarter' in a story on a quarter just over: the quarter reported"),
    ("Net fell in the third quarter. This quarter's profit will be higher, it said.", "1989-11-01", [('the third quarter', 'DATE', '1989-Q3', None), ('This quarter', 'DATE', '1989-Q4', None)],
     "a forecast for 'this quarter' is the current quarter"),
    ("Net fell in the third quarter. Analysts expect this quarter's sales to rise.", "1989-11-01", [('the third quarter', 'DATE', '1989-Q3', None), ('this quarter', 'DATE', '1989-Q4', None)],
     "'expect' before it: a forecast, the current quarter"),
    ("Net rose in the third quarter. In the year-ago quarter, the second quarter ended Oct. 31, it lost money. Results for that quarter included a charge.", "1989-10-27", [('the third quarter', 'DATE', '1989-Q3', None), ('the year-ago quarter', 'DATE', '1988-Q3', None), ('the second quarter', 'DATE', '1988-Q2', None), ('Oct. 31', 'DATE', '1988-10-31', None), ('that quarter', 'DATE', '1988-Q2', None)],
     "an appositive to a year-ago period names a period of that year, and its end day is in it"),
    ("Net rose from the year-ago quarter, and the second quarter was weak.", "1989-10-27", [('the year-ago quarter', 'DATE', '1988-Q3', None), ('the second quarter', 'DATE', '1989-Q2', None)],
     "a quarter after a conjunction is no appositive: this year's"),
]
assert len({c[0:2] for c in CASES}) == len(CASES), "duplicate (text, published) keys"


def _published(p: str | None) -> date | None:
    return date.fromisoformat(p) if p else None


@pytest.mark.parametrize("text, published, expected, why", CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_tricky(text: str, published: str | None, expected: object, why: str) -> None:
    got = [(t.text, t.type, t.value, t.mod) for t in tag(text, _published(published))]
    if expected is NONE:
        assert got == [], f"{why}: expected nothing, got {got}"
    elif isinstance(expected, list):
        assert got == expected, f"{why}: expected {expected}, got {got}"
    else:
        value, mod = expected if isinstance(expected, tuple) else (expected, None)
        assert [(v, m) for _, _, v, m in got] == [(value, mod)], f"{why}: expected only {value!r} ({mod}), got {got}"


def test_offsets_survive_characters_that_grow_when_lower_cased() -> None:
    text = "İİİ İstanbul talks resumed on Monday, Nov. 6, 2023."
    found = tag(text, date(2023, 11, 8))
    assert [t.value for t in found] == ["2023-11-06"]
    assert text[found[0].start : found[0].end] == found[0].text == "Monday, Nov. 6, 2023"


def test_datetime_publication_uses_its_date() -> None:
    from datetime import datetime

    found = tag("He spoke this morning and again on Monday.", datetime(2023, 11, 6, 15, 30))
    assert [(t.text, t.value) for t in found] == [("this morning", "2023-11-06TMO"), ("Monday", "2023-11-06")]


def test_no_publication_date_never_uses_the_clock() -> None:
    found = tag("Today, yesterday, tomorrow, this week, last month, next year, now.", None)
    assert all(t.value.startswith("XXXX") or t.value.endswith("_REF") for t in found), found
    assert all(t.earliest is None and t.latest is None for t in found)


def test_a_deadline_in_past_narrative_is_past() -> None:
    found = tag("By Saturday morning the crowds had gone.", date(2023, 11, 8))
    assert [t.value for t in found] == ["2023-11-04TMO"]
    found = tag("The report is due by Friday.", date(2023, 11, 8))
    assert [t.value for t in found] == ["2023-11-10"]


def test_a_string_publication_date_is_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match=r"dct must be a datetime.date.*'2023-11-06'"):
        tag("They met on Monday.", "2023-11-06")  # type: ignore[arg-type]


INTERVALS = [  # text, published, span, value, mod, earliest, latest
    ("It happened more than two years ago.", "2023-11-06", "more than two years ago", "2021", "BEFORE", None, "2021-12-31"),
    ("It happened almost two years ago.", "2023-11-06", "almost two years ago", "2021", "AFTER", "2021-01-01", None),
    ("It opened about two years ago.", "2023-11-06", "about two years ago", "2021", "APPROX", "2021-01-01", "2021-12-31"),
    ("They met more than two years later.", "2023-11-06", "more than two years later", "2025", "AFTER", "2025-01-01", None),
    ("delivery in 1994 or later", "2023-11-06", "1994 or later", "1994", "ON_OR_AFTER", "1994-01-01", None),
    ("Earlier this week, prices fell.", "2023-11-08", "Earlier this week", "2023-W45", "START", "2023-11-06", "2023-11-08"),
    ("Earlier this year, prices fell.", "2023-11-06", "Earlier this year", "2023", "START", "2023-01-01", "2023-11-06"),
    ("Later this year, prices will fall.", "2023-11-06", "Later this year", "2023", "END", "2023-11-06", "2023-12-31"),
    ("Early this year, prices fell.", "2023-11-06", "Early this year", "2023", "START", "2023-01-01", "2023-12-31"),
    ("It shaped the post-1945 order.", "2023-11-06", "post-1945", "1945", "AFTER", "1945-01-01", None),
    ("Output is back to pre-2008 levels.", "2023-11-06", "pre-2008", "2008", "BEFORE", None, "2008-12-31"),
    ("Roads were jammed over Labor Day weekend.", "2023-09-06", "Labor Day weekend", "2023-W35-WE", None, "2023-09-02", "2023-09-03"),
    ("Easter week began with a march.", "2024-03-27", "Easter week", "2024-W13", None, "2024-03-25", "2024-03-31"),
]


@pytest.mark.parametrize("text, published, span, value, mod, earliest, latest", INTERVALS, ids=[c[0] for c in INTERVALS])
def test_interval_respects_mod_and_publication(
    text: str, published: str, span: str, value: str, mod: str, earliest: str | None, latest: str | None
) -> None:
    found = tag(text, date.fromisoformat(published))
    assert [(t.text, t.value, t.mod) for t in found] == [(span, value, mod)]
    assert (found[0].earliest, found[0].latest) == (_published(earliest), _published(latest))


def test_a_caller_can_give_the_tense_the_words_do_not_show() -> None:
    """The event extractor knows "On Saturday, after weeks of talks, ministers will meet" is
    future though the cue comes after an aside; the tagger alone reads Saturday as past narrative."""
    from datetime import date as _date

    from sitegen.temporal import tag as _tag

    wed = _date(2023, 10, 25)
    assert [t.value for t in _tag("Saturday", wed)] == ["2023-10-21"]
    assert [t.value for t in _tag("Saturday", wed, tense="future")] == ["2023-10-28"]
