# The Chinese texts use full-width punctuation (comma, colon, exclamation mark) as Chinese does;
# ruff takes those for look-alikes of ASCII:
# ruff: noqa: RUF001
"""The texts of the customer's card page in English, German, Korean and Chinese, and the choice
of one by the browser's ``Accept-Language`` header.

The page is opened by whoever holds the card, on their own phone, without signing in, so the
phone's language is the only hint there is; English is the fallback. Each language is one
``CardTexts`` value holding every sentence of the page with named ``{placeholders}``; the
sentences that depend on a number have a singular and a plural form (the same for Korean and
Chinese). Dates are shown in the page's language, in UTC (the page says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

DEFAULT_LANGUAGE = "en"
MAX_HEADER_LENGTH = 1000
MAX_RANGES = 40
"""A longer ``Accept-Language`` header is cut: a browser never sends one that long."""

_RANGE = re.compile(r"(?P<tag>\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)", re.ASCII)
_QUALITY = re.compile(r"q=(?P<q>0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)", re.ASCII | re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Plural:
    """A sentence with a count: ``one`` for exactly 1, ``other`` for every other number."""

    one: str
    other: str

    def pick(self, count: int) -> str:
        return self.one if count == 1 else self.other


@dataclass(frozen=True, slots=True)
class CardTexts:
    """Every text of the card page in one language."""

    language: str
    html_lang: str
    not_valid_title: str
    not_valid_message: str
    stamps_of: Plural
    """``{n}`` of ``{total}``: the plural follows the total (``1 of 1 stamp``)."""
    next_reward: Plural
    """``{missing}`` stamps to ``{reward}``: the plural follows the stamps missing."""
    rewards_heading: str
    rewards_none: str
    reward_valid_until: str
    reward_no_expiry: str
    rewards_how_to_use: str
    visits_heading: str
    visits_none: str
    visit_stamps: Plural
    visit_redeemed: str
    visit_redeemed_unnamed: str
    terms_heading: str
    card_valid_until: str
    state_expired: str
    state_expired_undated: str
    state_removed: str
    state_inactive: str
    state_not_yet: str
    times_in_utc: str
    home_screen_tip: str
    app_description: str
    month_names: tuple[str, ...]
    datetime_pattern: str
    """Placeholders: year, month, day (unpadded), month2, day2, hour, minute (two digits) and
    month_name."""

    def datetime(self, moment: datetime) -> str:
        """``moment`` in UTC, in this language's way of writing a date and time."""
        utc = moment.astimezone(UTC)
        return self.datetime_pattern.format(
            year=utc.year,
            month=utc.month,
            day=utc.day,
            month_name=self.month_names[utc.month - 1],
            hour=f"{utc.hour:02d}",
            minute=f"{utc.minute:02d}",
            day2=f"{utc.day:02d}",
            month2=f"{utc.month:02d}",
        )


_NO_MONTH_NAMES = ("",) * 12

ENGLISH = CardTexts(
    language="en",
    html_lang="en",
    not_valid_title="This is not a valid card",
    not_valid_message=(
        "The link is incomplete or not right. Scan the code on your card again, or ask at the shop."
    ),
    stamps_of=Plural("{n} of {total} stamp", "{n} of {total} stamps"),
    next_reward=Plural(
        "{missing} more stamp until {reward}", "{missing} more stamps until {reward}"
    ),
    rewards_heading="Your rewards",
    rewards_none="No rewards yet. Keep collecting stamps!",
    reward_valid_until="valid until {date}",
    reward_no_expiry="no expiry",
    rewards_how_to_use="To use a reward, show your card at the counter.",
    visits_heading="Last visits",
    visits_none="No visits yet.",
    visit_stamps=Plural("{n} stamp collected", "{n} stamps collected"),
    visit_redeemed="Reward used: {reward}",
    visit_redeemed_unnamed="Reward used",
    terms_heading="Terms",
    card_valid_until="Card valid until {date}",
    state_expired=(
        "This card expired on {date}. It can no longer collect stamps or be used for rewards."
    ),
    state_expired_undated=(
        "This card has expired. It can no longer collect stamps or be used for rewards."
    ),
    state_removed="This card was removed. It can no longer be used.",
    state_inactive="This card is not active at the moment. Please ask at the shop.",
    state_not_yet="This card can be used from {date}.",
    times_in_utc="All times are in UTC.",
    home_screen_tip="Tip: add this page to your home screen to open your card quickly.",
    app_description="Your stamp card at {merchant}",
    month_names=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    datetime_pattern="{month_name} {day}, {year}, {hour}:{minute} UTC",
)

GERMAN = CardTexts(
    language="de",
    html_lang="de",
    not_valid_title="Dies ist keine gültige Karte",
    not_valid_message=(
        "Der Link ist unvollständig oder fehlerhaft. Scannen Sie den Code auf Ihrer Karte "
        "erneut oder fragen Sie im Geschäft nach."
    ),
    stamps_of=Plural("{n} von {total} Stempel", "{n} von {total} Stempeln"),
    next_reward=Plural(
        "Noch {missing} Stempel bis {reward}", "Noch {missing} Stempel bis {reward}"
    ),
    rewards_heading="Ihre Prämien",
    rewards_none="Noch keine Prämien. Sammeln Sie weiter Stempel!",
    reward_valid_until="gültig bis {date}",
    reward_no_expiry="unbegrenzt gültig",
    rewards_how_to_use="Zeigen Sie Ihre Karte an der Kasse, um eine Prämie einzulösen.",
    visits_heading="Letzte Besuche",
    visits_none="Noch keine Besuche.",
    visit_stamps=Plural("{n} Stempel gesammelt", "{n} Stempel gesammelt"),
    visit_redeemed="Prämie eingelöst: {reward}",
    visit_redeemed_unnamed="Prämie eingelöst",
    terms_heading="Bedingungen",
    card_valid_until="Karte gültig bis {date}",
    state_expired=(
        "Diese Karte ist am {date} abgelaufen. Sie kann keine Stempel mehr sammeln und nicht "
        "mehr für Prämien verwendet werden."
    ),
    state_expired_undated=(
        "Diese Karte ist abgelaufen. Sie kann keine Stempel mehr sammeln und nicht mehr für "
        "Prämien verwendet werden."
    ),
    state_removed="Diese Karte wurde entfernt und kann nicht mehr verwendet werden.",
    state_inactive="Diese Karte ist zurzeit nicht aktiv. Bitte fragen Sie im Geschäft nach.",
    state_not_yet="Diese Karte kann ab dem {date} verwendet werden.",
    times_in_utc="Alle Zeiten in UTC.",
    home_screen_tip=(
        "Tipp: Legen Sie diese Seite auf Ihrem Startbildschirm ab, um Ihre Karte schnell zu öffnen."
    ),
    app_description="Ihre Stempelkarte bei {merchant}",
    month_names=_NO_MONTH_NAMES,
    datetime_pattern="{day2}.{month2}.{year}, {hour}:{minute} UTC",
)

KOREAN = CardTexts(
    language="ko",
    html_lang="ko",
    not_valid_title="유효한 카드가 아닙니다",
    not_valid_message=(
        "링크가 불완전하거나 올바르지 않습니다. 카드의 코드를 다시 스캔하거나 매장에 문의해 주세요."
    ),
    stamps_of=Plural("스탬프 {total}개 중 {n}개 적립", "스탬프 {total}개 중 {n}개 적립"),
    next_reward=Plural(
        "{reward}까지 스탬프 {missing}개 남았습니다", "{reward}까지 스탬프 {missing}개 남았습니다"
    ),
    rewards_heading="내 리워드",
    rewards_none="아직 리워드가 없습니다. 스탬프를 계속 모아 보세요!",
    reward_valid_until="{date}까지 사용 가능",
    reward_no_expiry="유효기간 없음",
    rewards_how_to_use="리워드를 사용하려면 계산대에서 카드를 보여 주세요.",
    visits_heading="최근 방문",
    visits_none="아직 방문 기록이 없습니다.",
    visit_stamps=Plural("스탬프 {n}개 적립", "스탬프 {n}개 적립"),
    visit_redeemed="리워드 사용: {reward}",
    visit_redeemed_unnamed="리워드 사용",
    terms_heading="이용 약관",
    card_valid_until="카드 유효기간: {date}까지",
    state_expired=(
        "이 카드는 {date}에 만료되었습니다. 더 이상 스탬프를 적립하거나 리워드를 사용할 수 "
        "없습니다."
    ),
    state_expired_undated=(
        "이 카드는 만료되었습니다. 더 이상 스탬프를 적립하거나 리워드를 사용할 수 없습니다."
    ),
    state_removed="이 카드는 삭제되어 더 이상 사용할 수 없습니다.",
    state_inactive="이 카드는 현재 사용할 수 없습니다. 매장에 문의해 주세요.",
    state_not_yet="이 카드는 {date}부터 사용할 수 있습니다.",
    times_in_utc="모든 시간은 UTC 기준입니다.",
    home_screen_tip="팁: 이 페이지를 홈 화면에 추가하면 카드를 빠르게 열 수 있습니다.",
    app_description="{merchant} 스탬프 카드",
    month_names=_NO_MONTH_NAMES,
    datetime_pattern="{year}년 {month}월 {day}일 {hour}:{minute} UTC",
)

CHINESE = CardTexts(
    language="zh",
    html_lang="zh-Hans",
    not_valid_title="这不是有效的集章卡",
    not_valid_message="链接不完整或有误。请重新扫描您的卡片，或向店员咨询。",
    stamps_of=Plural("已集 {n} 个印章，共 {total} 个", "已集 {n} 个印章，共 {total} 个"),
    next_reward=Plural(
        "再集 {missing} 个印章即可获得 {reward}", "再集 {missing} 个印章即可获得 {reward}"
    ),
    rewards_heading="我的奖励",
    rewards_none="暂无奖励，继续集章吧！",
    reward_valid_until="有效期至 {date}",
    reward_no_expiry="长期有效",
    rewards_how_to_use="如需使用奖励，请在收银台出示您的卡片。",
    visits_heading="最近到店",
    visits_none="暂无到店记录。",
    visit_stamps=Plural("获得 {n} 个印章", "获得 {n} 个印章"),
    visit_redeemed="已兑换奖励：{reward}",
    visit_redeemed_unnamed="已兑换奖励",
    terms_heading="使用条款",
    card_valid_until="卡片有效期至 {date}",
    state_expired="此卡已于 {date} 过期，无法再集章或兑换奖励。",
    state_expired_undated="此卡已过期，无法再集章或兑换奖励。",
    state_removed="此卡已被移除，无法再使用。",
    state_inactive="此卡目前未启用，请向店员咨询。",
    state_not_yet="此卡自 {date} 起可以使用。",
    times_in_utc="所有时间均为 UTC 时间。",
    home_screen_tip="提示：将此页面添加到主屏幕，即可快速打开您的卡片。",
    app_description="{merchant} 的集章卡",
    month_names=_NO_MONTH_NAMES,
    datetime_pattern="{year}年{month}月{day}日 {hour}:{minute} UTC",
)

LANGUAGES: dict[str, CardTexts] = {
    texts.language: texts for texts in (ENGLISH, GERMAN, KOREAN, CHINESE)
}


def _ranges(header: str) -> list[tuple[float, int, str]]:
    """(quality, position, primary language) of each well-formed range of the header."""
    found: list[tuple[float, int, str]] = []
    for position, item in enumerate(header[:MAX_HEADER_LENGTH].split(",")[:MAX_RANGES]):
        tag, *parameters = (part.strip() for part in item.split(";"))
        if _RANGE.fullmatch(tag) is None:
            continue
        quality = 1.0
        for parameter in parameters:
            weight = _QUALITY.fullmatch(parameter.replace(" ", ""))
            if weight is None:
                quality = -1.0  # a malformed weight: the range is ignored
                break
            quality = float(weight.group("q"))
        if quality > 0:
            found.append((quality, position, tag.split("-")[0].lower()))
    return found


def choose_language(accept_language: str | None) -> CardTexts:
    """The texts of the most preferred language of the header that the page has (by q-value,
    then by order in the header), English when it names none of them."""
    if not accept_language:
        return ENGLISH
    for _quality, _position, language in sorted(
        _ranges(accept_language), key=lambda found: (-found[0], found[1])
    ):
        texts = LANGUAGES.get(language)
        if texts is not None:
            return texts
    return ENGLISH
