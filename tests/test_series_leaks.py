"""Nothing of a repeating series reaches any output before it is public (tests/test_leaks.py).

A series is added to generated partnerships with a marker in each of its own texts and links,
secret until its announcement (always, if it or its body is private); every text of its
occurrences is a marker that must never appear (the public copy's series has no occurrences:
what the public may know of each is on its meeting).  The series' meetings are then marked as
every meeting is, by :func:`tests.test_leaks.mark`, and every publisher, with the hostile one
that dumps what it can reach, is run at instants around the data's moments.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from csp_core.model import (
    Attendance,
    ChangeKind,
    Document,
    DocumentKind,
    MeetingChange,
    MeetingStatus,
    Occurrence,
    Online,
    Partnership,
    Questions,
    Series,
    Venue,
)
from tests.strategies import examples, moments, partnerships
from tests.test_leaks import Secret, instants, mark, outputs


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


@st.composite
def with_series(draw: st.DrawFn) -> Partnership:
    """A generated partnership with a monthly or weekly series of one of its bodies."""
    partnership = draw(partnerships())
    zone = partnership.timezone
    body = draw(st.sampled_from(partnership.bodies))
    start = draw(moments(zone)).replace(second=0)
    start = _utc(start).astimezone(zone)
    rule = draw(
        st.sampled_from(
            [
                f"FREQ=WEEKLY;COUNT={draw(st.integers(1, 5))}",
                f"FREQ=MONTHLY;BYMONTHDAY={start.day};COUNT={draw(st.integers(1, 4))}",
            ]
        )
    )
    announced = draw(st.none() | st.integers(0, 60).map(lambda d: start - dt.timedelta(days=d)))
    online = draw(st.booleans())
    plain = Series(
        id="qsr",
        body=body.id,
        title="Series",
        start=start,
        end=draw(st.none() | st.just(start + dt.timedelta(hours=2))),
        rule=rule,
        venue=draw(st.none() | st.just(Venue(name="Hall", address=("Street",)))),
        attendance=Attendance.MIXED if online else Attendance.IN_PERSON,
        online=Online(join="https://example.org/join", join_from=announced) if online else None,
        questions=draw(st.none() | st.just(Questions(how="Email us"))),
        public=draw(st.booleans()),
        announced=announced,
    )
    starts = plain.starts()
    occurrences: list[Occurrence] = []
    counter = itertools.count()
    after = announced or starts[0] - dt.timedelta(days=90)
    for original in draw(st.lists(st.sampled_from(starts), unique=True, max_size=2)):
        told = after + (original - after) / 2  # between the announcement and the meeting
        kind = draw(st.sampled_from(["cancelled", "moved", "papers"]))
        note = "Note"
        if kind == "cancelled":
            change = MeetingChange(at=told, what=(ChangeKind.STATUS,), note=note)
            occurrences.append(
                Occurrence(
                    date=original.date(),
                    status=MeetingStatus.CANCELLED,
                    status_note=note,
                    changes=(change,),
                )
            )
        elif kind == "moved":
            change = MeetingChange(at=told, what=(ChangeKind.TIME,), note=note)
            moved = _utc(original + dt.timedelta(days=1)).astimezone(zone)
            occurrences.append(
                Occurrence(date=original.date(), start=moved, status_note=note, changes=(change,))
            )
        else:
            papers = (
                Document(
                    id=f"qsr-doc-{next(counter)}-x",
                    kind=DocumentKind.AGENDA,
                    title="Agenda",
                    url="https://example.org/agenda.pdf",
                    published=told,
                ),
                Document(
                    id=f"qsr-doc-{next(counter)}-x",
                    kind=DocumentKind.MINUTES,
                    title="Minutes",
                    url="https://example.org/minutes.pdf",
                    published=original + dt.timedelta(days=20),
                ),
            )
            occurrences.append(Occurrence(date=original.date(), title="Special", documents=papers))
    exceptions = ()
    spare = [s.date() for s in starts if s.date() not in {o.date for o in occurrences}]
    if len(spare) > 1 and draw(st.booleans()):
        exceptions = (spare[-1],)
    series = attrs.evolve(plain, occurrences=tuple(occurrences), exceptions=exceptions)
    return attrs.evolve(
        partnership, series=(series,), meetings=(*partnership.meetings, *series.meetings())
    )


class _Markers:
    """Markers of a series' own texts, named apart from tests.test_leaks's."""

    def __init__(self) -> None:
        self.secret: dict[str, Secret] = {}
        self._count = itertools.count()

    def marker(self, when: Secret) -> str:
        marker = f"qsr{next(self._count):05d}y"
        self.secret[marker] = when
        return marker


def _always(_: dt.datetime) -> bool:
    return True


def _marked_series(markers: _Markers, series: Series, partnership: Partnership) -> Series:
    body = next(body for body in partnership.bodies if body.id == series.body)
    private = not series.public or not getattr(body, "public", True)
    announced = series.announced

    def hidden(at: dt.datetime) -> bool:
        return private or (announced is not None and _utc(at) < _utc(announced))

    def texts(value: Any, when: Secret) -> Any:
        if value is None:
            return None
        changes: dict[str, Any] = {}
        for name in ("title", "name", "how", "note", "status_note"):
            if isinstance(getattr(value, name, None), str):
                changes[name] = markers.marker(when)
        if getattr(value, "address", None):
            changes["address"] = tuple(markers.marker(when) for _ in value.address)
        if isinstance(getattr(value, "url", None), str):
            changes["url"] = f"https://example.org/{markers.marker(when)}"
        return attrs.evolve(value, **changes)

    online = series.online
    if online is not None:
        join_from = online.join_from

        def early(at: dt.datetime) -> bool:
            return hidden(at) or (join_from is not None and _utc(at) < _utc(join_from))

        online = attrs.evolve(online, join=f"https://example.org/{markers.marker(early)}")
    occurrences = tuple(
        attrs.evolve(
            texts(occurrence, _always),
            changes=tuple(texts(change, _always) for change in occurrence.changes),
            documents=tuple(texts(document, _always) for document in occurrence.documents),
        )
        for occurrence in series.occurrences
    )
    return attrs.evolve(
        texts(series, hidden),
        venue=texts(series.venue, hidden),
        questions=texts(series.questions, hidden),
        online=online,
        occurrences=occurrences,
    )


def _marked(partnership: Partnership) -> tuple[Partnership, dict[str, Secret], dict[str, Secret]]:
    """The partnership with its series and every meeting marked, when each marker is secret,
    and the markers that must appear when their test says so."""
    markers = _Markers()
    series = tuple(_marked_series(markers, one, partnership) for one in partnership.series)
    others = tuple(meeting for meeting in partnership.meetings if meeting.series is None)
    with_markers = attrs.evolve(
        partnership,
        series=series,
        meetings=(*others, *(meeting for one in series for meeting in one.meetings())),
    )
    marked = mark(with_markers)
    # tests.test_leaks.mark marks every meeting as a meeting; it leaves the series as given.
    result = attrs.evolve(marked.partnership, series=series)
    return result, {**marked.secret, **markers.secret}, marked.public


def _hidden(partnership: Partnership, at: dt.datetime) -> bool:
    """Whether the series is not public at ``at``: before its announcement, or private."""
    (series,) = partnership.series
    body = next(body for body in partnership.bodies if body.id == series.body)
    announced = series.announced
    return (
        not series.public
        or not getattr(body, "public", True)
        or (announced is not None and _utc(at) < _utc(announced))
    )


def _instants(partnership: Partnership) -> Iterator[dt.datetime]:
    for series in partnership.series:
        if series.announced is not None:
            yield from (series.announced + dt.timedelta(seconds=s) for s in (-1, 0, 1))


class TestSeriesLeaks:
    @examples(40)
    @given(partnership=with_series(), data=st.data())
    def test_nothing_of_a_series_before_it_is_public(
        self, partnership: Partnership, data: st.DataObject
    ) -> None:
        """No secret marker of a series or its meetings in any output, around its moments;
        before it is public not even its id; its meetings' titles once they are public."""
        marked, secret, public = _marked(partnership)
        chosen = [*_instants(partnership)]
        chosen += [data.draw(instants(partnership), label="at") for _ in range(2)]
        for at in chosen:
            files = outputs(marked, at)
            now = [marker for marker, when in secret.items() if when(at)]
            assert [f"{p}: {m}" for p, text in files.items() for m in now if m in text] == []
            if _hidden(partnership, at):
                assert [path for path, text in files.items() if "qsr-" in text] == []
            text = "\n".join(files.values())
            assert [m for m, shown in public.items() if shown(at) and m not in text] == []
