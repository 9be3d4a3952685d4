<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CardScreen</name>
    <message>
        <source>{card} · valid until {date}</source>
        <translation>{card} · {date}까지 유효</translation>
    </message>
    <message>
        <source>Card …{end}</source>
        <translation>카드 …{end}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>정정…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>1 stamp for this purchase</source>
        <translation>이번 구매 스탬프 1개</translation>
    </message>
    <message>
        <source>{count} stamps for this purchase</source>
        <translation>이번 구매 스탬프 {count}개</translation>
    </message>
    <message>
        <source>New on this terminal — its stamps show after the next sync</source>
        <translation>이 단말기에서 새로 등록된 카드 — 스탬프는 다음 동기화 후 표시됩니다</translation>
    </message>
    <message>
        <source>{stamps} stamps</source>
        <translation>스탬프 {stamps}개</translation>
    </message>
    <message>
        <source>{stamps} of {total} stamps</source>
        <translation>스탬프 {stamps}/{total}개</translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>Type the server address first. {problem}</source>
        <translation>먼저 서버 주소를 입력하세요. {problem}</translation>
    </message>
    <message>
        <source>The test failed unexpectedly. Try again; if it keeps happening, restart the kiosk.</source>
        <translation>테스트 중 예기치 않은 오류가 발생했습니다. 다시 시도하세요. 계속 발생하면 키오스크를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Connected: the server at {url} answers and accepts the API key and terminal token (1 stamp card for this shop). {clock}</source>
        <translation>연결됨: {url} 서버가 응답했으며 API 키와 단말기 토큰이 승인되었습니다(이 매장의 스탬프 카드 1종). {clock}</translation>
    </message>
    <message>
        <source>Connected: the server at {url} answers and accepts the API key and terminal token ({count} stamp cards for this shop). {clock}</source>
        <translation>연결됨: {url} 서버가 응답했으며 API 키와 단말기 토큰이 승인되었습니다(이 매장의 스탬프 카드 {count}종). {clock}</translation>
    </message>
    <message>
        <source>Type the API key and the terminal token first: the server needs both.</source>
        <translation>먼저 API 키와 단말기 토큰을 입력하세요. 서버에 둘 다 필요합니다.</translation>
    </message>
    <message>
        <source>The server at {url} does not accept the API key or the terminal token (HTTP 401). Type both again exactly as the server&apos;s set-up gave them, then test again.</source>
        <translation>{url} 서버가 API 키 또는 단말기 토큰을 승인하지 않습니다(HTTP 401). 서버 설정 시 받은 값 그대로 둘 다 다시 입력한 후 다시 테스트하세요.</translation>
    </message>
    <message>
        <source>The server accepts the credentials but does not let this terminal read the shop&apos;s data (HTTP 403). Ask whoever runs the server to allow this terminal.</source>
        <translation>서버가 인증 정보는 승인했지만 이 단말기의 매장 데이터 조회를 허용하지 않습니다(HTTP 403). 서버 관리 담당자에게 이 단말기를 허용해 달라고 요청하세요.</translation>
    </message>
    <message>
        <source>The secure connection to {url} failed ({reason}). Check that the address starts with the right http:// or https://, that the server&apos;s certificate is valid, and that this computer&apos;s date and time are right.</source>
        <translation>{url} 보안 연결에 실패했습니다({reason}). 주소가 올바른 http:// 또는 https://로 시작하는지, 서버 인증서가 유효한지, 이 컴퓨터의 날짜와 시간이 정확한지 확인하세요.</translation>
    </message>
    <message>
        <source>The server at {url} did not answer in time. Check the network; if it keeps happening, the server may be overloaded or down — try again later.</source>
        <translation>{url} 서버가 제시간에 응답하지 않았습니다. 네트워크를 확인하세요. 계속 발생하면 서버가 과부하 상태이거나 중단되었을 수 있습니다 — 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The server cannot be reached at {url}. Check the address and that this computer is online (cable or Wi-Fi); if both are right, the server may be down — try again later.</source>
        <translation>{url} 서버에 연결할 수 없습니다. 주소와 이 컴퓨터의 네트워크 연결(케이블 또는 Wi-Fi)을 확인하세요. 둘 다 정상이면 서버가 중단되었을 수 있습니다 — 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The server is reachable but failing right now (it answered with an error). Try again in a few minutes; the events are kept until it works.</source>
        <translation>서버에 연결은 되지만 현재 서버에 오류가 있습니다(오류 응답). 몇 분 후 다시 시도하세요. 내역은 정상화될 때까지 보관됩니다.</translation>
    </message>
    <message>
        <source>Something answers at {url}, but it is not a stamp server. Check the address, including any path after the host name (a Wi-Fi login page can also cause this).</source>
        <translation>{url}에서 응답이 있지만 스탬프 서버가 아닙니다. 호스트 이름 뒤의 경로까지 포함해 주소를 확인하세요(Wi-Fi 로그인 페이지 때문일 수도 있습니다).</translation>
    </message>
    <message>
        <source>The server refused the test ({error}). Check the settings with whoever runs the server.</source>
        <translation>서버가 테스트를 거부했습니다({error}). 서버 관리 담당자와 함께 설정을 확인하세요.</translation>
    </message>
    <message>
        <source>The clocks agree.</source>
        <translation>시계가 일치합니다.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} behind the server&apos;s: stamps still count, but set this computer&apos;s date and time right.</source>
        <translation>이 컴퓨터의 시계가 서버보다 {duration} 느립니다. 스탬프는 정상 적립되지만 이 컴퓨터의 날짜와 시간을 맞춰 주세요.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} ahead of the server&apos;s: stamps still count, but set this computer&apos;s date and time right.</source>
        <translation>이 컴퓨터의 시계가 서버보다 {duration} 빠릅니다. 스탬프는 정상 적립되지만 이 컴퓨터의 날짜와 시간을 맞춰 주세요.</translation>
    </message>
    <message>
        <source>{count} s</source>
        <translation>{count}초</translation>
    </message>
    <message>
        <source>{count} min</source>
        <translation>{count}분</translation>
    </message>
    <message>
        <source>{count} h</source>
        <translation>{count}시간</translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <source>Given by mistake</source>
        <translation>실수로 적립</translation>
    </message>
    <message>
        <source>Wrong card</source>
        <translation>잘못된 카드</translation>
    </message>
    <message>
        <source>Customer complaint</source>
        <translation>고객 불만</translation>
    </message>
    <message>
        <source>1 stamp</source>
        <translation>스탬프 1개</translation>
    </message>
    <message>
        <source>{count} stamps</source>
        <translation>스탬프 {count}개</translation>
    </message>
    <message>
        <source>1 reward</source>
        <translation>쿠폰 1장</translation>
    </message>
    <message>
        <source>{count} rewards</source>
        <translation>쿠폰 {count}장</translation>
    </message>
    <message>
        <source>Removed {stamps} and {rewards}</source>
        <translation>{stamps}, {rewards} 삭제 완료</translation>
    </message>
    <message>
        <source>Removed {what}</source>
        <translation>{what} 삭제 완료</translation>
    </message>
    <message>
        <source>Reason: {reason}.</source>
        <translation>사유: {reason}.</translation>
    </message>
    <message>
        <source>The card now has {stamps} of {total} stamps.</source>
        <translation>현재 스탬프는 {stamps}/{total}개입니다.</translation>
    </message>
    <message>
        <source>The card now has {stamps} stamps.</source>
        <translation>현재 스탬프는 {stamps}개입니다.</translation>
    </message>
</context>
<context>
    <name>CorrectionsFlow</name>
    <message>
        <source>Enter the manager PIN to correct card …{end}.</source>
        <translation>카드 …{end} 정정을 위해 관리자 PIN을 입력하세요.</translation>
    </message>
</context>
<context>
    <name>CorrectionsScreen</name>
    <message>
        <source>Corrections — {card}</source>
        <translation>정정 — {card}</translation>
    </message>
    <message>
        <source>The card has 1 stamp.</source>
        <translation>카드에 스탬프가 1개 있습니다.</translation>
    </message>
    <message>
        <source>The card has {count} stamps.</source>
        <translation>카드에 스탬프가 {count}개 있습니다.</translation>
    </message>
    <message>
        <source>Remove a reward:</source>
        <translation>쿠폰 삭제:</translation>
    </message>
    <message>
        <source>The card has no active reward.</source>
        <translation>카드에 사용 가능한 쿠폰이 없습니다.</translation>
    </message>
    <message>
        <source>Remove {reward}</source>
        <translation>{reward} 삭제</translation>
    </message>
    <message>
        <source>Reason (kept in the card&apos;s history)</source>
        <translation>사유 (카드 이력에 기록됨)</translation>
    </message>
    <message>
        <source>Or type the reason</source>
        <translation>또는 사유를 입력하세요</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>No stamps</source>
        <translation>스탬프 없음</translation>
    </message>
    <message>
        <source>Remove 1 stamp</source>
        <translation>스탬프 1개 삭제</translation>
    </message>
    <message>
        <source>Remove {count} stamps</source>
        <translation>스탬프 {count}개 삭제</translation>
    </message>
    <message>
        <source>Choose the stamps or the reward to remove.</source>
        <translation>삭제할 스탬프 또는 쿠폰을 선택하세요.</translation>
    </message>
    <message>
        <source>Choose or type a reason.</source>
        <translation>사유를 선택하거나 입력하세요.</translation>
    </message>
</context>
<context>
    <name>DeclinePanel</name>
    <message>
        <source>Why is it declined?</source>
        <translation>거절 사유를 선택하세요.</translation>
    </message>
    <message>
        <source>Over the shop&apos;s limit</source>
        <translation>매장 한도 초과</translation>
    </message>
    <message>
        <source>Scanned by mistake</source>
        <translation>잘못 스캔함</translation>
    </message>
    <message>
        <source>Decline it</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>Keep it held</source>
        <translation>보류 유지</translation>
    </message>
    <message>
        <source>Decline {event}? Say why — the reason is kept.</source>
        <translation>{event} 건을 거절할까요? 사유를 알려 주세요 — 사유는 기록됩니다.</translation>
    </message>
</context>
<context>
    <name>EnrolResultPanel</name>
    <message>
        <source>Write to NFC card</source>
        <translation>NFC 카드에 쓰기</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>대기 중지</translation>
    </message>
    <message>
        <source>Hold a blank NFC card on the reader and keep it there until this says it is written (up to {seconds} s).</source>
        <translation>빈 NFC 카드를 리더기에 대고, 기록 완료 메시지가 나올 때까지 그대로 두세요(최대 {seconds}초).</translation>
    </message>
    <message>
        <source>The NFC card is written and checked: it now opens this customer&apos;s stamp card. Give it to the customer.</source>
        <translation>NFC 카드 기록 및 확인이 완료되었습니다. 이제 이 카드로 고객의 스탬프 카드를 열 수 있습니다. 고객에게 전달하세요.</translation>
    </message>
    <message>
        <source>Let the customer photograph this code or save it: it is their stamp card. They show it at every visit to collect stamps.</source>
        <translation>고객이 이 코드를 촬영하거나 저장하도록 안내하세요. 이 코드가 고객의 스탬프 카드입니다. 방문할 때마다 보여 주면 스탬프가 적립됩니다.</translation>
    </message>
    <message>
        <source>Give stamps now</source>
        <translation>스탬프 적립</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation>{name}님, 환영합니다!</translation>
    </message>
    <message>
        <source>Welcome!</source>
        <translation>환영합니다!</translation>
    </message>
    <message>
        <source>Member number {number}</source>
        <translation>회원 번호 {number}</translation>
    </message>
</context>
<context>
    <name>EnrolScreen</name>
    <message>
        <source>Every field is optional. Press Enrol to issue the customer&apos;s stamp card.</source>
        <translation>모든 항목은 선택 사항입니다. [등록]을 누르면 고객의 스탬프 카드가 발급됩니다.</translation>
    </message>
    <message>
        <source>This is not an e-mail address — it needs a name, @ and a domain, such as name@example.com. Correct it or leave the field empty.</source>
        <translation>올바른 이메일 주소가 아닙니다 — name@example.com처럼 이름, @, 도메인이 필요합니다. 수정하거나 비워 두세요.</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>신규 고객</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>등록</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <source>Enrolling… the server is issuing the card.</source>
        <translation>등록 중… 서버에서 카드를 발급하고 있습니다.</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <source>Member {number} is registered, but their card was not issued ({error}). Press Try again to issue the card.</source>
        <translation>회원 {number} 등록은 완료되었지만 카드가 발급되지 않았습니다({error}). [다시 시도]를 눌러 카드를 발급하세요.</translation>
    </message>
    <message>
        <source>The shop has {count} stamp cards and the terminal&apos;s stamp_value names none of them; ask the manager to set stamp_value to the stamp card&apos;s stamp value.</source>
        <translation>매장에 스탬프 카드가 {count}종 있지만 단말기의 stamp_value가 그중 어느 것과도 맞지 않습니다. 관리자에게 stamp_value를 스탬프 카드의 스탬프 값으로 설정해 달라고 요청하세요.</translation>
    </message>
    <message>
        <source>The server offers no stamp card this terminal can issue; ask the manager to set one up for the shop.</source>
        <translation>서버에 이 단말기가 발급할 수 있는 스탬프 카드가 없습니다. 관리자에게 매장 스탬프 카드 설정을 요청하세요.</translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Nothing was created; ask the manager to check the terminal&apos;s settings.</source>
        <translation>고객이 등록되지 않았습니다. {error}. 생성된 항목은 없습니다. 관리자에게 단말기 설정 확인을 요청하세요.</translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Check the entries and press Enrol again; if it happens again, ask the manager.</source>
        <translation>고객이 등록되지 않았습니다. {error}. 입력 내용을 확인하고 [등록]을 다시 누르세요. 또 발생하면 관리자에게 문의하세요.</translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Wait a moment and press Enrol again.</source>
        <translation>고객이 등록되지 않았습니다. {error}. 잠시 후 [등록]을 다시 누르세요.</translation>
    </message>
    <message>
        <source>New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server. Nothing was sent. Enrol the customer when the badge at the top shows Online.</source>
        <translation>카드 번호는 서버에서 발급되므로 신규 고객은 단말기가 서버에 연결된 상태에서만 등록할 수 있습니다. 전송된 내용은 없습니다. 상단 표시가 ‘온라인’이 되면 고객을 등록하세요.</translation>
    </message>
    <message>
        <source>New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server — and this terminal has no server set up. Ask the manager to set the server address.</source>
        <translation>카드 번호는 서버에서 발급되므로 신규 고객은 단말기가 서버에 연결된 상태에서만 등록할 수 있습니다 — 그런데 이 단말기에는 서버가 설정되어 있지 않습니다. 관리자에게 서버 주소 설정을 요청하세요.</translation>
    </message>
    <message>
        <source>The server does not accept this terminal&apos;s credentials, so no customer can be enrolled. Nothing was sent; ask the manager to correct them in Settings.</source>
        <translation>서버가 이 단말기의 인증 정보를 승인하지 않아 고객을 등록할 수 없습니다. 전송된 내용은 없습니다. 관리자에게 설정에서 인증 정보 수정을 요청하세요.</translation>
    </message>
    <message>
        <source>Enrolment is not set up on this terminal: the configuration keys &apos;app_id&apos; and &apos;app_secret&apos; must both be set. Nothing was sent; ask the manager to set them.</source>
        <translation>이 단말기에는 회원 등록이 설정되어 있지 않습니다. 설정 키 &apos;app_id&apos;와 &apos;app_secret&apos;을 모두 설정해야 합니다. 전송된 내용은 없습니다. 관리자에게 설정을 요청하세요.</translation>
    </message>
    <message>
        <source>The server could not be reached, so the customer was not enrolled. New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server. Press Enrol again when the badge at the top shows Online.</source>
        <translation>서버에 연결할 수 없어 고객이 등록되지 않았습니다. 카드 번호는 서버에서 발급되므로 신규 고객은 단말기가 서버에 연결된 상태에서만 등록할 수 있습니다. 상단 표시가 ‘온라인’이 되면 [등록]을 다시 누르세요.</translation>
    </message>
    <message>
        <source>Enrolling failed unexpectedly. Press Enrol again; if it keeps happening, restart the terminal.</source>
        <translation>등록 중 예기치 않은 오류가 발생했습니다. [등록]을 다시 누르세요. 계속 발생하면 단말기를 다시 시작하세요.</translation>
    </message>
</context>
<context>
    <name>EventRow</name>
    <message>
        <source>Release</source>
        <translation>보류 해제</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>거절</translation>
    </message>
</context>
<context>
    <name>EventsOverview</name>
    <message>
        <source>Waiting to send</source>
        <translation>전송 대기</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>전송 완료</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>서버 거부</translation>
    </message>
    <message>
        <source>Held for a manager</source>
        <translation>보류 (관리자 확인)</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>스탬프 적립</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>쿠폰 사용</translation>
    </message>
    <message>
        <source>Reward earned</source>
        <translation>쿠폰 발급</translation>
    </message>
    <message>
        <source>Stamp removed</source>
        <translation>스탬프 삭제</translation>
    </message>
    <message>
        <source>Reward removed</source>
        <translation>쿠폰 삭제</translation>
    </message>
    <message>
        <source>the stamp</source>
        <translation>스탬프 적립</translation>
    </message>
    <message>
        <source>the reward redeemed</source>
        <translation>쿠폰 사용</translation>
    </message>
    <message>
        <source>the reward earned</source>
        <translation>쿠폰 발급</translation>
    </message>
    <message>
        <source>the stamp removed</source>
        <translation>스탬프 삭제</translation>
    </message>
    <message>
        <source>the reward removed</source>
        <translation>쿠폰 삭제</translation>
    </message>
    <message>
        <source>This card belongs to another shop.</source>
        <translation>다른 매장의 카드입니다.</translation>
    </message>
    <message>
        <source>The server does not know this card — it may have been deleted.</source>
        <translation>서버에 없는 카드입니다 — 삭제되었을 수 있습니다.</translation>
    </message>
    <message>
        <source>The server does not know this reward on this card.</source>
        <translation>서버에서 이 카드의 해당 쿠폰을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>The card had already expired.</source>
        <translation>카드가 이미 만료되었습니다.</translation>
    </message>
    <message>
        <source>The card is no longer active (deleted, switched off or not valid yet).</source>
        <translation>카드가 더 이상 유효하지 않습니다(삭제됨, 비활성화됨 또는 아직 유효 기간 전).</translation>
    </message>
    <message>
        <source>This reward had already been redeemed, perhaps at another counter.</source>
        <translation>이 쿠폰은 이미 사용되었습니다. 다른 계산대에서 사용되었을 수 있습니다.</translation>
    </message>
    <message>
        <source>This reward had already expired.</source>
        <translation>이 쿠폰은 이미 만료되었습니다.</translation>
    </message>
    <message>
        <source>This reward had been removed from the card.</source>
        <translation>이 쿠폰은 카드에서 삭제되었습니다.</translation>
    </message>
    <message>
        <source>The stamp code set up on this terminal is not one of this card&apos;s stamps — ask the manager to check the terminal&apos;s stamp setting.</source>
        <translation>이 단말기에 설정된 스탬프 코드가 이 카드의 스탬프가 아닙니다 — 관리자에게 단말기의 스탬프 설정 확인을 요청하세요.</translation>
    </message>
    <message>
        <source>The server already had this event with different details and kept the first one — tell the manager.</source>
        <translation>서버에 내용이 다른 같은 건이 이미 있어 처음 건이 유지되었습니다 — 관리자에게 알리세요.</translation>
    </message>
    <message>
        <source>The shop&apos;s anti-fraud rule refused this stamp: the card was stamped too recently, or has had the most stamps allowed in one day.</source>
        <translation>매장의 부정 적립 방지 규칙에 따라 이 스탬프가 거부되었습니다. 너무 최근에 적립했거나 하루 최대 적립 수에 도달한 카드입니다.</translation>
    </message>
    <message>
        <source>Declined by a manager</source>
        <translation>관리자 거절</translation>
    </message>
    <message>
        <source>{time} · Card …{card} · {what} · {state}</source>
        <translation>{time} · 카드 …{card} · {what} · {state}</translation>
    </message>
    <message>
        <source>{what} of {time} on card …{card}</source>
        <translation>카드 …{card}의 {time} {what}</translation>
    </message>
    <message>
        <source>Declined by a manager: {reason}. It will not be sent.</source>
        <translation>관리자 거절: {reason}. 전송되지 않습니다.</translation>
    </message>
    <message>
        <source>{note} A manager can release it to be sent, or decline it.</source>
        <translation>{note} 관리자가 보류를 해제해 전송하거나 거절할 수 있습니다.</translation>
    </message>
    <message>
        <source>It is over one of the shop&apos;s limits. A manager can release it to be sent, or decline it.</source>
        <translation>매장 한도 중 하나를 초과했습니다. 관리자가 보류를 해제해 전송하거나 거절할 수 있습니다.</translation>
    </message>
    <message>
        <source>Tried once so far; it is sent as soon as the server answers.</source>
        <translation>지금까지 1회 시도했습니다. 서버가 응답하는 즉시 전송됩니다.</translation>
    </message>
    <message>
        <source>Tried {count} times so far; it is sent as soon as the server answers.</source>
        <translation>지금까지 {count}회 시도했습니다. 서버가 응답하는 즉시 전송됩니다.</translation>
    </message>
    <message>
        <source>The server refused this event — tell the manager if it happens again.</source>
        <translation>서버가 이 건을 거부했습니다 — 다시 발생하면 관리자에게 알리세요.</translation>
    </message>
    <message>
        <source>{words} It was not counted on the card.</source>
        <translation>{words} 카드에 반영되지 않았습니다.</translation>
    </message>
    <message>
        <source>{text} (server code {code}, {message})</source>
        <translation>{text} (서버 코드 {code}, {message})</translation>
    </message>
    <message>
        <source>{text} (server code {code})</source>
        <translation>{text} (서버 코드 {code})</translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation>대기 {count}건</translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation>전송 {count}건</translation>
    </message>
    <message>
        <source>{count} refused</source>
        <translation>거부 {count}건</translation>
    </message>
    <message>
        <source>{count} held</source>
        <translation>보류 {count}건</translation>
    </message>
    <message>
        <source>Online — new events are sent to the server within seconds.</source>
        <translation>온라인 — 새 내역은 몇 초 안에 서버로 전송됩니다.</translation>
    </message>
    <message>
        <source>No server is set up — events are kept on this terminal.</source>
        <translation>서버가 설정되지 않았습니다 — 내역은 이 단말기에 보관됩니다.</translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials — nothing is sent until a manager corrects the API key or terminal token.</source>
        <translation>서버가 이 단말기의 인증 정보를 거부합니다 — 관리자가 API 키 또는 단말기 토큰을 수정할 때까지 아무것도 전송되지 않습니다.</translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Events are kept here; the next try is soon, or press Sync now.</source>
        <translation>오프라인 — 서버에 연결할 수 없습니다. 내역은 이 단말기에 보관됩니다. 곧 다시 시도하며, [지금 동기화]를 눌러도 됩니다.</translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Events are kept here; the next try is in about {seconds} s, or press Sync now.</source>
        <translation>오프라인 — 서버에 연결할 수 없습니다. 내역은 이 단말기에 보관됩니다. 약 {seconds}초 후 다시 시도하며, [지금 동기화]를 눌러도 됩니다.</translation>
    </message>
    <message>
        <source>Last successful sync: never</source>
        <translation>마지막 동기화 성공: 없음</translation>
    </message>
    <message>
        <source>Last successful sync: {time}</source>
        <translation>마지막 동기화 성공: {time}</translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message>
        <source>Sync and events</source>
        <translation>동기화 및 내역</translation>
    </message>
    <message>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>지금 동기화</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <source>No events here yet.</source>
        <translation>아직 내역이 없습니다.</translation>
    </message>
    <message>
        <source>No server is set up, so there is nowhere to send the events.</source>
        <translation>서버가 설정되지 않아 내역을 보낼 곳이 없습니다.</translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials — a manager must correct the API key or terminal token before anything can be sent.</source>
        <translation>서버가 이 단말기의 인증 정보를 거부합니다 — 전송하려면 먼저 관리자가 API 키 또는 단말기 토큰을 수정해야 합니다.</translation>
    </message>
    <message>
        <source>Sending now…</source>
        <translation>전송 중…</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>동기화가 완료되었습니다.</translation>
    </message>
    <message>
        <source>The sync did not get through: the credentials are refused.</source>
        <translation>동기화하지 못했습니다. 인증 정보가 거부되었습니다.</translation>
    </message>
    <message>
        <source>Not sent yet: the server cannot be reached. The events are kept.</source>
        <translation>아직 전송되지 않았습니다. 서버에 연결할 수 없습니다. 내역은 보관됩니다.</translation>
    </message>
    <message>
        <source>Release {event} so it is sent to the server</source>
        <translation>{event} 건 보류 해제 및 서버 전송</translation>
    </message>
    <message>
        <source>Decline {event}</source>
        <translation>{event} 건 거절</translation>
    </message>
    <message>
        <source>Decline the held event</source>
        <translation>보류된 건 거절</translation>
    </message>
    <message>
        <source>Released — it is sent once a server is set up.</source>
        <translation>보류 해제됨 — 서버가 설정되면 전송됩니다.</translation>
    </message>
    <message>
        <source>Released — it is sent to the server with this sync.</source>
        <translation>보류 해제됨 — 이번 동기화 때 서버로 전송됩니다.</translation>
    </message>
    <message>
        <source>Declined — it will not be sent; the reason is kept with it.</source>
        <translation>거절됨 — 전송되지 않으며 사유가 함께 기록됩니다.</translation>
    </message>
    <message>
        <source>The events could not be read or changed — try again; if it keeps happening, restart the terminal.</source>
        <translation>내역을 읽거나 변경할 수 없습니다 — 다시 시도하세요. 계속 발생하면 단말기를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>내역</translation>
    </message>
</context>
<context>
    <name>FindCustomer</name>
    <message>
        <source>Type the customer&apos;s phone number, then press Search.</source>
        <translation>고객의 전화번호를 입력한 후 [검색]을 누르세요.</translation>
    </message>
    <message>
        <source>Type the card code from the customer&apos;s card page, then press Search.</source>
        <translation>고객의 카드 페이지에 있는 카드 코드를 입력한 후 [검색]을 누르세요.</translation>
    </message>
    <message>
        <source>Type the customer&apos;s phone number first.</source>
        <translation>먼저 고객의 전화번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Type the card code first.</source>
        <translation>먼저 카드 코드를 입력하세요.</translation>
    </message>
    <message>
        <source>This is not a card code — a card code has 32 digits and letters A to F in groups of 8-4-4-4-12, as on the customer&apos;s card page. Check it and enter it again.</source>
        <translation>카드 코드가 아닙니다 — 카드 코드는 고객의 카드 페이지에 표시된 것처럼 숫자와 A~F 문자 32자를 8-4-4-4-12로 묶은 형식입니다. 확인 후 다시 입력하세요.</translation>
    </message>
    <message>
        <source>This looks like a phone number — choose Phone and search again.</source>
        <translation>전화번호로 보입니다 — [전화번호]를 선택하고 다시 검색하세요.</translation>
    </message>
    <message>
        <source>The search failed and nothing was changed — try again; if it keeps happening, restart the terminal.</source>
        <translation>검색에 실패했으며 변경된 내용은 없습니다 — 다시 시도하세요. 계속 발생하면 단말기를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>고객 찾기</translation>
    </message>
</context>
<context>
    <name>FindCustomerScreen</name>
    <message>
        <source>Find a customer</source>
        <translation>고객 찾기</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>카드 코드</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>검색 중…</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Enter the manager PIN to leave kiosk mode.</source>
        <translation>키오스크 모드를 종료하려면 관리자 PIN을 입력하세요.</translation>
    </message>
    <message>
        <source>Stamp terminal</source>
        <translation>스탬프 단말기</translation>
    </message>
    <message>
        <source>Loyalty stamps</source>
        <translation>스탬프 적립</translation>
    </message>
    <message>
        <source>The reward</source>
        <translation>쿠폰</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>쿠폰 사용 완료</translation>
    </message>
    <message>
        <source>{reward} — enjoy!</source>
        <translation>{reward} — 즐겁게 이용하세요!</translation>
    </message>
    <message>
        <source>1 stamp added</source>
        <translation>스탬프 1개 적립</translation>
    </message>
    <message>
        <source>{count} stamps added</source>
        <translation>스탬프 {count}개 적립</translation>
    </message>
    <message>
        <source>The card now has {stamps} of {total} stamps.</source>
        <translation>현재 스탬프는 {stamps}/{total}개입니다.</translation>
    </message>
    <message>
        <source>Held for a manager to review.</source>
        <translation>관리자 확인을 위해 보류되었습니다.</translation>
    </message>
    <message>
        <source>This scan was not counted.</source>
        <translation>이번 스캔은 반영되지 않았습니다.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>문제가 발생했습니다</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was counted — scan the card again; if it keeps happening, restart the terminal.</source>
        <translation>문제가 발생해 아무것도 반영되지 않았습니다 — 카드를 다시 스캔하세요. 계속 발생하면 단말기를 다시 시작하세요.</translation>
    </message>
</context>
<context>
    <name>PinGate</name>
    <message>
        <source>Checking the PIN…</source>
        <translation>PIN 확인 중…</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>확인 중…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Enter the manager PIN</source>
        <translation>관리자 PIN을 입력하세요</translation>
    </message>
</context>
<context>
    <name>ReadyScreen</name>
    <message>
        <source>Scan your QR code or tap your card</source>
        <translation>QR 코드를 스캔하거나 카드를 태그해 주세요</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>준비됨</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>{device}: {status}</source>
        <translation>{device}: {status}</translation>
    </message>
</context>
<context>
    <name>RedeemConfirmScreen</name>
    <message>
        <source>Redeem now</source>
        <translation>사용하기</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <source>this reward</source>
        <translation>이 쿠폰</translation>
    </message>
    <message>
        <source>Redeem “{reward}” for this customer?</source>
        <translation>이 고객의 “{reward}”을(를) 사용할까요?</translation>
    </message>
</context>
<context>
    <name>RewardPanels</name>
    <message>
        <source>Reward</source>
        <translation>쿠폰</translation>
    </message>
    <message>
        <source>{reward} · until {date}</source>
        <translation>{reward} · {date}까지</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>스탬프 적립</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>쿠폰 사용</translation>
    </message>
    <message>
        <source>Stamp removed</source>
        <translation>스탬프 삭제</translation>
    </message>
    <message>
        <source>Reward removed</source>
        <translation>쿠폰 삭제</translation>
    </message>
    <message>
        <source>A reward</source>
        <translation>쿠폰 발급</translation>
    </message>
    <message>
        <source>The customer can redeem it on their next visit.</source>
        <translation>다음 방문 시 사용할 수 있습니다.</translation>
    </message>
    <message>
        <source>{reward}!</source>
        <translation>{reward}!</translation>
    </message>
</context>
<context>
    <name>RewardsPanel</name>
    <message>
        <source>Rewards available</source>
        <translation>사용 가능한 쿠폰</translation>
    </message>
    <message>
        <source>No rewards available yet</source>
        <translation>아직 사용 가능한 쿠폰이 없습니다</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>사용하기</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Hide</source>
        <translation>숨기기</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>보기</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>정책</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Server address: type the whole address with http:// or https://, e.g. https://stamps.example.com.</source>
        <translation>서버 주소: http:// 또는 https://를 포함한 전체 주소를 입력하세요(예: https://stamps.example.com).</translation>
    </message>
    <message>
        <source>{label}: type a whole number from {minimum} to {maximum}, e.g. {example}.</source>
        <translation>{label}: {minimum}~{maximum} 사이의 정수를 입력하세요(예: {example}).</translation>
    </message>
    <message>
        <source>{label}: type a number of seconds from {minimum} to {maximum}, e.g. {example}.</source>
        <translation>{label}: {minimum}~{maximum} 사이의 초 단위 숫자를 입력하세요(예: {example}).</translation>
    </message>
    <message>
        <source>{label}: choose one of the values offered.</source>
        <translation>{label}: 제시된 값 중 하나를 선택하세요.</translation>
    </message>
    <message>
        <source>On</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>사용 안 함</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <source>e.g. https://stamps.example.com</source>
        <translation>예: https://stamps.example.com</translation>
    </message>
    <message>
        <source>server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 키</translation>
    </message>
    <message>
        <source>The merchant&apos;s API key.</source>
        <translation>가맹점의 API 키입니다.</translation>
    </message>
    <message>
        <source>Terminal token</source>
        <translation>단말기 토큰</translation>
    </message>
    <message>
        <source>This terminal&apos;s bearer token.</source>
        <translation>이 단말기의 Bearer 토큰입니다.</translation>
    </message>
    <message>
        <source>terminal token</source>
        <translation>단말기 토큰</translation>
    </message>
    <message>
        <source>App id</source>
        <translation>앱 ID</translation>
    </message>
    <message>
        <source>The merchant&apos;s app id, for registering members.</source>
        <translation>회원 등록에 사용하는 가맹점의 앱 ID입니다.</translation>
    </message>
    <message>
        <source>app id</source>
        <translation>앱 ID</translation>
    </message>
    <message>
        <source>App secret</source>
        <translation>앱 시크릿</translation>
    </message>
    <message>
        <source>The app&apos;s secret that signs member registrations.</source>
        <translation>회원 등록 요청에 서명하는 앱 시크릿입니다.</translation>
    </message>
    <message>
        <source>app secret</source>
        <translation>앱 시크릿</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>카메라</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>카메라</translation>
    </message>
    <message>
        <source>NFC reader</source>
        <translation>NFC 리더기</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>바코드 스캐너</translation>
    </message>
    <message>
        <source>barcode scanner</source>
        <translation>바코드 스캐너</translation>
    </message>
    <message>
        <source>Same card again within (seconds)</source>
        <translation>같은 카드 재스캔 무시 시간(초)</translation>
    </message>
    <message>
        <source>The same card again within this time gives no new event.</source>
        <translation>이 시간 안에 같은 카드를 다시 스캔하면 새 내역이 생기지 않습니다.</translation>
    </message>
    <message>
        <source>Most stamps per purchase</source>
        <translation>구매당 최대 스탬프</translation>
    </message>
    <message>
        <source>Most stamps the cashier may give in one purchase.</source>
        <translation>직원이 한 번의 구매에 적립할 수 있는 최대 스탬프 수입니다.</translation>
    </message>
    <message>
        <source>Least time between visits (seconds)</source>
        <translation>최소 방문 간격(초)</translation>
    </message>
    <message>
        <source>Least time between two visits of one card (0: off).</source>
        <translation>같은 카드의 두 방문 사이 최소 시간입니다(0: 사용 안 함).</translation>
    </message>
    <message>
        <source>0 (off) or 600</source>
        <translation>0(사용 안 함) 또는 600</translation>
    </message>
    <message>
        <source>Most stamps per card and day</source>
        <translation>카드당 하루 최대 스탬프</translation>
    </message>
    <message>
        <source>Most stamps per card per day (0: off).</source>
        <translation>카드 한 장당 하루 최대 스탬프 수입니다(0: 사용 안 함).</translation>
    </message>
    <message>
        <source>0 (off) or 5</source>
        <translation>0(사용 안 함) 또는 5</translation>
    </message>
    <message>
        <source>When a visit breaks a limit</source>
        <translation>방문이 한도를 초과하면</translation>
    </message>
    <message>
        <source>Review keeps the stamps, held until a manager releases them on the Events screen.</source>
        <translation>‘보류 후 검토’를 선택하면 스탬프가 보류되며, 관리자가 내역 화면에서 보류를 해제하면 반영됩니다.</translation>
    </message>
    <message>
        <source>Refuse it</source>
        <translation>거부</translation>
    </message>
    <message>
        <source>Hold for review</source>
        <translation>보류 후 검토</translation>
    </message>
    <message>
        <source>Rewards while offline</source>
        <translation>오프라인 쿠폰 사용</translation>
    </message>
    <message>
        <source>Allow one redemption per card while offline, until the next sync.</source>
        <translation>오프라인일 때 다음 동기화 전까지 카드당 쿠폰 1회 사용을 허용합니다.</translation>
    </message>
    <message>
        <source>Signed card codes only</source>
        <translation>서명된 카드 코드만 허용</translation>
    </message>
    <message>
        <source>Refuse card codes without a valid signature.</source>
        <translation>유효한 서명이 없는 카드 코드를 거부합니다.</translation>
    </message>
    <message>
        <source>These policies do not fit together: {reason}</source>
        <translation>정책 설정이 서로 맞지 않습니다: {reason}</translation>
    </message>
    <message>
        <source>Set by {variable} on this computer, which overrides the settings file — change it there.</source>
        <translation>이 컴퓨터의 {variable}에서 설정되어 설정 파일보다 우선합니다 — 그곳에서 변경하세요.</translation>
    </message>
    <message>
        <source>Not saved: the settings file has a problem ({error}). Correct the file, or ask whoever set up the terminal. Nothing was changed.</source>
        <translation>저장되지 않았습니다. 설정 파일에 문제가 있습니다({error}). 파일을 수정하거나 단말기를 설치한 담당자에게 문의하세요. 변경된 내용은 없습니다.</translation>
    </message>
    <message>
        <source>Not saved: the settings file {path} cannot be written ({reason}). Check that the disk is not full and that the kiosk may write there. Nothing was changed.</source>
        <translation>저장되지 않았습니다. 설정 파일 {path}에 쓸 수 없습니다({reason}). 디스크 공간이 부족하지 않은지, 키오스크에 해당 위치의 쓰기 권한이 있는지 확인하세요. 변경된 내용은 없습니다.</translation>
    </message>
    <message>
        <source>Not saved: something went wrong. Try again; if it keeps happening, restart the kiosk.</source>
        <translation>저장되지 않았습니다. 문제가 발생했습니다. 다시 시도하세요. 계속 발생하면 키오스크를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Nothing to save — no setting was changed.</source>
        <translation>저장할 내용이 없습니다 — 변경된 설정이 없습니다.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장되었습니다.</translation>
    </message>
    <message>
        <source>The policies apply from the next scan.</source>
        <translation>정책은 다음 스캔부터 적용됩니다.</translation>
    </message>
    <message>
        <source>The language is now {language}.</source>
        <translation>이제 화면 언어는 {language}입니다.</translation>
    </message>
    <message>
        <source>{language} is not installed on this terminal yet, so the screens stay in English.</source>
        <translation>이 단말기에는 아직 {language} 언어가 설치되어 있지 않아 화면이 영어로 유지됩니다.</translation>
    </message>
    <message>
        <source>Restart the kiosk to use the new {settings} (leave it with Ctrl+Shift+Q and the manager PIN, then start it again).</source>
        <translation>새 {settings} 설정을 사용하려면 키오스크를 다시 시작하세요(Ctrl+Shift+Q와 관리자 PIN으로 종료한 후 다시 실행).</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} 및 {last}</translation>
    </message>
</context>
<context>
    <name>SettingsDevices</name>
    <message>
        <source>Working</source>
        <translation>정상 작동</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>찾을 수 없음</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>작동 안 함</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>시작 중</translation>
    </message>
    <message>
        <source>Not used.</source>
        <translation>사용 안 함.</translation>
    </message>
    <message>
        <source>No state yet: this kiosk has not opened this device.</source>
        <translation>아직 상태 정보가 없습니다. 이 키오스크에서 아직 이 장치를 열지 않았습니다.</translation>
    </message>
    <message>
        <source>{state} — {message}</source>
        <translation>{state} — {message}</translation>
    </message>
    <message>
        <source>{state}.</source>
        <translation>{state}.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Open the settings</source>
        <translation>설정 열기</translation>
    </message>
    <message>
        <source>Saved — used when the kiosk is started again.</source>
        <translation>저장됨 — 키오스크를 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>테스트 중…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>연결 테스트</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Changes here are used when the kiosk is started again.</source>
        <translation>여기서 변경한 내용은 키오스크를 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <source>Changes here apply from the next scan.</source>
        <translation>여기서 변경한 내용은 다음 스캔부터 적용됩니다.</translation>
    </message>
    <message>
        <source>Now: {state}</source>
        <translation>현재: {state}</translation>
    </message>
    <message>
        <source>Not saved. {problem}</source>
        <translation>저장되지 않았습니다. {problem}</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>연결 테스트 중…</translation>
    </message>
    <message>
        <source>Some changes are not saved. Press Save to keep them, or Back again to leave without them.</source>
        <translation>저장하지 않은 변경 사항이 있습니다. 유지하려면 [저장]을, 저장하지 않고 나가려면 [뒤로]를 한 번 더 누르세요.</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>{count} scan(s) waiting to be sent.</source>
        <translation>스캔 {count}건이 전송 대기 중입니다.</translation>
    </message>
    <message>
        <source>Needs attention: credentials</source>
        <translation>확인 필요: 인증 정보</translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials: nothing is sent until a manager corrects them in Settings.</source>
        <translation>서버가 이 단말기의 인증 정보를 거부합니다. 관리자가 설정에서 수정할 때까지 아무것도 전송되지 않습니다.</translation>
    </message>
    <message>
        <source>Needs attention: {count} to review</source>
        <translation>확인 필요: {count}건</translation>
    </message>
    <message>
        <source>{count} event(s) were refused or held for review: see Events.</source>
        <translation>{count}건이 거부되었거나 보류되었습니다. 내역에서 확인하세요.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>온라인</translation>
    </message>
    <message>
        <source>Online · sending {count}</source>
        <translation>온라인 · {count}건 전송 중</translation>
    </message>
    <message>
        <source>Connected to the server.</source>
        <translation>서버에 연결되었습니다.</translation>
    </message>
    <message>
        <source>No server · {count} pending</source>
        <translation>서버 없음 · 대기 {count}건</translation>
    </message>
    <message>
        <source>No server is set up: scans are kept on this terminal.</source>
        <translation>서버가 설정되지 않았습니다. 스캔 내역은 이 단말기에 보관됩니다.</translation>
    </message>
    <message>
        <source>Offline · {count} pending</source>
        <translation>오프라인 · 대기 {count}건</translation>
    </message>
    <message>
        <source>The server cannot be reached: scans are kept and sent when it is back.</source>
        <translation>서버에 연결할 수 없습니다. 스캔 내역은 보관되었다가 연결되면 전송됩니다.</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>Space</source>
        <translation>스페이스</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>백스페이스</translation>
    </message>
</context>
<context>
    <name>VisitsPanel</name>
    <message>
        <source>Last visits</source>
        <translation>최근 방문</translation>
    </message>
    <message>
        <source>No visits here yet</source>
        <translation>아직 방문 기록이 없습니다</translation>
    </message>
</context>
</TS>
