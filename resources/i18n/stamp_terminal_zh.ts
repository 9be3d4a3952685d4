<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh" sourcelanguage="en">
<context>
    <name>CardScreen</name>
    <message>
        <source>{card} · valid until {date}</source>
        <translation>{card} · 有效期至 {date}</translation>
    </message>
    <message>
        <source>Card …{end}</source>
        <translation>卡 …{end}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>1 stamp for this purchase</source>
        <translation>本次消费 1 个印章</translation>
    </message>
    <message>
        <source>{count} stamps for this purchase</source>
        <translation>本次消费 {count} 个印章</translation>
    </message>
    <message>
        <source>New on this terminal — its stamps show after the next sync</source>
        <translation>本终端新卡，下次同步后显示印章</translation>
    </message>
    <message>
        <source>{stamps} stamps</source>
        <translation>{stamps} 个印章</translation>
    </message>
    <message>
        <source>{stamps} of {total} stamps</source>
        <translation>印章 {stamps}/{total}</translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>Type the server address first. {problem}</source>
        <translation>请先输入服务器地址。{problem}</translation>
    </message>
    <message>
        <source>The test failed unexpectedly. Try again; if it keeps happening, restart the kiosk.</source>
        <translation>测试意外失败。请重试；如果问题持续，请重启终端。</translation>
    </message>
    <message>
        <source>Connected: the server at {url} answers and accepts the API key and terminal token (1 stamp card for this shop). {clock}</source>
        <translation>已连接：{url} 的服务器有响应，并接受 API 密钥和终端令牌（本店有 1 种集章卡）。{clock}</translation>
    </message>
    <message>
        <source>Connected: the server at {url} answers and accepts the API key and terminal token ({count} stamp cards for this shop). {clock}</source>
        <translation>已连接：{url} 的服务器有响应，并接受 API 密钥和终端令牌（本店有 {count} 种集章卡）。{clock}</translation>
    </message>
    <message>
        <source>Type the API key and the terminal token first: the server needs both.</source>
        <translation>请先输入 API 密钥和终端令牌：服务器需要两者。</translation>
    </message>
    <message>
        <source>The server at {url} does not accept the API key or the terminal token (HTTP 401). Type both again exactly as the server&apos;s set-up gave them, then test again.</source>
        <translation>{url} 的服务器不接受该 API 密钥或终端令牌（HTTP 401）。请按服务器设置时提供的内容重新准确输入两者，然后再次测试。</translation>
    </message>
    <message>
        <source>The server accepts the credentials but does not let this terminal read the shop&apos;s data (HTTP 403). Ask whoever runs the server to allow this terminal.</source>
        <translation>服务器接受凭据，但不允许本终端读取本店数据（HTTP 403）。请联系服务器管理员为本终端开通权限。</translation>
    </message>
    <message>
        <source>The secure connection to {url} failed ({reason}). Check that the address starts with the right http:// or https://, that the server&apos;s certificate is valid, and that this computer&apos;s date and time are right.</source>
        <translation>与 {url} 的安全连接失败（{reason}）。请检查地址开头的 http:// 或 https:// 是否正确、服务器证书是否有效，以及本机日期和时间是否正确。</translation>
    </message>
    <message>
        <source>The server at {url} did not answer in time. Check the network; if it keeps happening, the server may be overloaded or down — try again later.</source>
        <translation>{url} 的服务器未及时响应。请检查网络；如果问题持续，服务器可能过载或已停机——请稍后重试。</translation>
    </message>
    <message>
        <source>The server cannot be reached at {url}. Check the address and that this computer is online (cable or Wi-Fi); if both are right, the server may be down — try again later.</source>
        <translation>无法连接 {url} 的服务器。请检查地址以及本机是否联网（网线或 Wi-Fi）；如果都正常，服务器可能已停机——请稍后重试。</translation>
    </message>
    <message>
        <source>The server is reachable but failing right now (it answered with an error). Try again in a few minutes; the events are kept until it works.</source>
        <translation>服务器可以连接，但当前出现故障（返回了错误）。请几分钟后重试；恢复之前记录会一直保留。</translation>
    </message>
    <message>
        <source>Something answers at {url}, but it is not a stamp server. Check the address, including any path after the host name (a Wi-Fi login page can also cause this).</source>
        <translation>{url} 有响应，但不是集章服务器。请检查地址，包括主机名后的路径（Wi-Fi 登录页面也可能导致此问题）。</translation>
    </message>
    <message>
        <source>The server refused the test ({error}). Check the settings with whoever runs the server.</source>
        <translation>服务器拒绝了测试（{error}）。请与服务器管理员核对设置。</translation>
    </message>
    <message>
        <source>The clocks agree.</source>
        <translation>时钟一致。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} behind the server&apos;s: stamps still count, but set this computer&apos;s date and time right.</source>
        <translation>本机时钟比服务器慢 {duration}：印章仍然有效，但请校正本机的日期和时间。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} ahead of the server&apos;s: stamps still count, but set this computer&apos;s date and time right.</source>
        <translation>本机时钟比服务器快 {duration}：印章仍然有效，但请校正本机的日期和时间。</translation>
    </message>
    <message>
        <source>{count} s</source>
        <translation>{count} 秒</translation>
    </message>
    <message>
        <source>{count} min</source>
        <translation>{count} 分钟</translation>
    </message>
    <message>
        <source>{count} h</source>
        <translation>{count} 小时</translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <source>Given by mistake</source>
        <translation>误发</translation>
    </message>
    <message>
        <source>Wrong card</source>
        <translation>用错卡</translation>
    </message>
    <message>
        <source>Customer complaint</source>
        <translation>顾客投诉</translation>
    </message>
    <message>
        <source>1 stamp</source>
        <translation>1 个印章</translation>
    </message>
    <message>
        <source>{count} stamps</source>
        <translation>{count} 个印章</translation>
    </message>
    <message>
        <source>1 reward</source>
        <translation>1 个奖励</translation>
    </message>
    <message>
        <source>{count} rewards</source>
        <translation>{count} 个奖励</translation>
    </message>
    <message>
        <source>Removed {stamps} and {rewards}</source>
        <translation>已撤销 {stamps}和 {rewards}</translation>
    </message>
    <message>
        <source>Removed {what}</source>
        <translation>已撤销 {what}</translation>
    </message>
    <message>
        <source>Reason: {reason}.</source>
        <translation>原因：{reason}。</translation>
    </message>
    <message>
        <source>The card now has {stamps} of {total} stamps.</source>
        <translation>该卡现有 {stamps}/{total} 个印章。</translation>
    </message>
    <message>
        <source>The card now has {stamps} stamps.</source>
        <translation>该卡现有 {stamps} 个印章。</translation>
    </message>
</context>
<context>
    <name>CorrectionsFlow</name>
    <message>
        <source>Enter the manager PIN to correct card …{end}.</source>
        <translation>请输入店长 PIN 以更正卡 …{end}。</translation>
    </message>
</context>
<context>
    <name>CorrectionsScreen</name>
    <message>
        <source>Corrections — {card}</source>
        <translation>更正：{card}</translation>
    </message>
    <message>
        <source>The card has 1 stamp.</source>
        <translation>该卡有 1 个印章。</translation>
    </message>
    <message>
        <source>The card has {count} stamps.</source>
        <translation>该卡有 {count} 个印章。</translation>
    </message>
    <message>
        <source>Remove a reward:</source>
        <translation>撤销奖励：</translation>
    </message>
    <message>
        <source>The card has no active reward.</source>
        <translation>该卡没有可用的奖励。</translation>
    </message>
    <message>
        <source>Remove {reward}</source>
        <translation>撤销 {reward}</translation>
    </message>
    <message>
        <source>Reason (kept in the card&apos;s history)</source>
        <translation>原因（记入卡片历史）</translation>
    </message>
    <message>
        <source>Or type the reason</source>
        <translation>或输入原因</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>No stamps</source>
        <translation>不撤销印章</translation>
    </message>
    <message>
        <source>Remove 1 stamp</source>
        <translation>撤销 1 个印章</translation>
    </message>
    <message>
        <source>Remove {count} stamps</source>
        <translation>撤销 {count} 个印章</translation>
    </message>
    <message>
        <source>Choose the stamps or the reward to remove.</source>
        <translation>请选择要撤销的印章或奖励。</translation>
    </message>
    <message>
        <source>Choose or type a reason.</source>
        <translation>请选择或输入原因。</translation>
    </message>
</context>
<context>
    <name>DeclinePanel</name>
    <message>
        <source>Why is it declined?</source>
        <translation>驳回原因</translation>
    </message>
    <message>
        <source>Over the shop&apos;s limit</source>
        <translation>超出本店限制</translation>
    </message>
    <message>
        <source>Scanned by mistake</source>
        <translation>误扫</translation>
    </message>
    <message>
        <source>Decline it</source>
        <translation>确认驳回</translation>
    </message>
    <message>
        <source>Keep it held</source>
        <translation>保留待审核</translation>
    </message>
    <message>
        <source>Decline {event}? Say why — the reason is kept.</source>
        <translation>驳回{event}？请说明原因，原因会被保存。</translation>
    </message>
</context>
<context>
    <name>EnrolResultPanel</name>
    <message>
        <source>Write to NFC card</source>
        <translation>写入 NFC 卡</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>停止等待</translation>
    </message>
    <message>
        <source>Hold a blank NFC card on the reader and keep it there until this says it is written (up to {seconds} s).</source>
        <translation>请将一张空白 NFC 卡放在读卡器上并保持不动，直到提示写入完成（最多 {seconds} 秒）。</translation>
    </message>
    <message>
        <source>The NFC card is written and checked: it now opens this customer&apos;s stamp card. Give it to the customer.</source>
        <translation>NFC 卡已写入并校验：现在可用它打开该顾客的集章卡。请将卡交给顾客。</translation>
    </message>
    <message>
        <source>Let the customer photograph this code or save it: it is their stamp card. They show it at every visit to collect stamps.</source>
        <translation>请让顾客拍下或保存此码：这就是顾客的集章卡。每次到店出示即可集章。</translation>
    </message>
    <message>
        <source>Give stamps now</source>
        <translation>立即盖章</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation>欢迎，{name}！</translation>
    </message>
    <message>
        <source>Welcome!</source>
        <translation>欢迎！</translation>
    </message>
    <message>
        <source>Member number {number}</source>
        <translation>会员号 {number}</translation>
    </message>
</context>
<context>
    <name>EnrolScreen</name>
    <message>
        <source>Every field is optional. Press Enrol to issue the customer&apos;s stamp card.</source>
        <translation>所有字段均为选填。按“注册”为顾客开通集章卡。</translation>
    </message>
    <message>
        <source>This is not an e-mail address — it needs a name, @ and a domain, such as name@example.com. Correct it or leave the field empty.</source>
        <translation>这不是有效的邮箱地址——需要包含名称、@ 和域名，例如 name@example.com。请更正或留空。</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新顾客</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Enrolling… the server is issuing the card.</source>
        <translation>注册中…服务器正在开卡。</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <source>Member {number} is registered, but their card was not issued ({error}). Press Try again to issue the card.</source>
        <translation>会员 {number} 已注册，但卡未开通（{error}）。请按“重试”开卡。</translation>
    </message>
    <message>
        <source>The shop has {count} stamp cards and the terminal&apos;s stamp_value names none of them; ask the manager to set stamp_value to the stamp card&apos;s stamp value.</source>
        <translation>本店有 {count} 种集章卡，但终端的 stamp_value 与其中任何一种都不匹配；请店长将 stamp_value 设为集章卡的印章值。</translation>
    </message>
    <message>
        <source>The server offers no stamp card this terminal can issue; ask the manager to set one up for the shop.</source>
        <translation>服务器没有本终端可开通的集章卡；请店长为本店设置一种。</translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Nothing was created; ask the manager to check the terminal&apos;s settings.</source>
        <translation>顾客未注册。{error}。未创建任何内容；请店长检查终端设置。</translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Check the entries and press Enrol again; if it happens again, ask the manager.</source>
        <translation>顾客未注册。{error}。请检查填写内容后再按“注册”；如果再次出现，请联系店长。</translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Wait a moment and press Enrol again.</source>
        <translation>顾客未注册。{error}。请稍等片刻后再按“注册”。</translation>
    </message>
    <message>
        <source>New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server. Nothing was sent. Enrol the customer when the badge at the top shows Online.</source>
        <translation>只有在终端连接服务器时才能注册新顾客，因为卡号由服务器分配。未发送任何内容。请在顶部状态显示“在线”时再注册。</translation>
    </message>
    <message>
        <source>New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server — and this terminal has no server set up. Ask the manager to set the server address.</source>
        <translation>只有在终端连接服务器时才能注册新顾客，因为卡号由服务器分配——而本终端尚未设置服务器。请店长设置服务器地址。</translation>
    </message>
    <message>
        <source>The server does not accept this terminal&apos;s credentials, so no customer can be enrolled. Nothing was sent; ask the manager to correct them in Settings.</source>
        <translation>服务器不接受本终端的凭据，因此无法注册顾客。未发送任何内容；请店长在“设置”中更正。</translation>
    </message>
    <message>
        <source>Enrolment is not set up on this terminal: the configuration keys &apos;app_id&apos; and &apos;app_secret&apos; must both be set. Nothing was sent; ask the manager to set them.</source>
        <translation>本终端未设置注册功能：配置项 &apos;app_id&apos; 和 &apos;app_secret&apos; 必须都已设置。未发送任何内容；请店长进行设置。</translation>
    </message>
    <message>
        <source>The server could not be reached, so the customer was not enrolled. New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server. Press Enrol again when the badge at the top shows Online.</source>
        <translation>无法连接服务器，顾客未注册。只有在终端连接服务器时才能注册新顾客，因为卡号由服务器分配。请在顶部状态显示“在线”时再按“注册”。</translation>
    </message>
    <message>
        <source>Enrolling failed unexpectedly. Press Enrol again; if it keeps happening, restart the terminal.</source>
        <translation>注册意外失败。请再按“注册”；如果问题持续，请重启终端。</translation>
    </message>
</context>
<context>
    <name>EventRow</name>
    <message>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>驳回</translation>
    </message>
</context>
<context>
    <name>EventsOverview</name>
    <message>
        <source>Waiting to send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>服务器已拒绝</translation>
    </message>
    <message>
        <source>Held for a manager</source>
        <translation>待店长审核</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>盖章</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>奖励已兑换</translation>
    </message>
    <message>
        <source>Reward earned</source>
        <translation>获得奖励</translation>
    </message>
    <message>
        <source>Stamp removed</source>
        <translation>印章已撤销</translation>
    </message>
    <message>
        <source>Reward removed</source>
        <translation>奖励已撤销</translation>
    </message>
    <message>
        <source>the stamp</source>
        <translation>盖章</translation>
    </message>
    <message>
        <source>the reward redeemed</source>
        <translation>奖励兑换</translation>
    </message>
    <message>
        <source>the reward earned</source>
        <translation>获得奖励</translation>
    </message>
    <message>
        <source>the stamp removed</source>
        <translation>印章撤销</translation>
    </message>
    <message>
        <source>the reward removed</source>
        <translation>奖励撤销</translation>
    </message>
    <message>
        <source>This card belongs to another shop.</source>
        <translation>此卡属于其他门店。</translation>
    </message>
    <message>
        <source>The server does not know this card — it may have been deleted.</source>
        <translation>服务器找不到此卡——可能已被删除。</translation>
    </message>
    <message>
        <source>The server does not know this reward on this card.</source>
        <translation>服务器在此卡上找不到该奖励。</translation>
    </message>
    <message>
        <source>The card had already expired.</source>
        <translation>该卡当时已过期。</translation>
    </message>
    <message>
        <source>The card is no longer active (deleted, switched off or not valid yet).</source>
        <translation>该卡已失效（已删除、已停用或尚未生效）。</translation>
    </message>
    <message>
        <source>This reward had already been redeemed, perhaps at another counter.</source>
        <translation>该奖励已被兑换，可能是在其他收银台。</translation>
    </message>
    <message>
        <source>This reward had already expired.</source>
        <translation>该奖励当时已过期。</translation>
    </message>
    <message>
        <source>This reward had been removed from the card.</source>
        <translation>该奖励已从此卡撤销。</translation>
    </message>
    <message>
        <source>The stamp code set up on this terminal is not one of this card&apos;s stamps — ask the manager to check the terminal&apos;s stamp setting.</source>
        <translation>本终端设置的印章代码不属于此卡的印章——请店长检查终端的印章设置。</translation>
    </message>
    <message>
        <source>The server already had this event with different details and kept the first one — tell the manager.</source>
        <translation>服务器已有此记录但内容不同，已保留第一条——请告知店长。</translation>
    </message>
    <message>
        <source>The shop&apos;s anti-fraud rule refused this stamp: the card was stamped too recently, or has had the most stamps allowed in one day.</source>
        <translation>本店防刷规则拒绝了此次盖章：该卡距上次盖章时间太短，或当天印章数已达上限。</translation>
    </message>
    <message>
        <source>Declined by a manager</source>
        <translation>已被店长驳回</translation>
    </message>
    <message>
        <source>{time} · Card …{card} · {what} · {state}</source>
        <translation>{time} · 卡 …{card} · {what} · {state}</translation>
    </message>
    <message>
        <source>{what} of {time} on card …{card}</source>
        <translation>卡 …{card} 在 {time} 的{what}记录</translation>
    </message>
    <message>
        <source>Declined by a manager: {reason}. It will not be sent.</source>
        <translation>已被店长驳回：{reason}。不会发送。</translation>
    </message>
    <message>
        <source>{note} A manager can release it to be sent, or decline it.</source>
        <translation>{note} 店长可以放行发送，或将其驳回。</translation>
    </message>
    <message>
        <source>It is over one of the shop&apos;s limits. A manager can release it to be sent, or decline it.</source>
        <translation>已超出本店的某项限制。店长可以放行发送，或将其驳回。</translation>
    </message>
    <message>
        <source>Tried once so far; it is sent as soon as the server answers.</source>
        <translation>已尝试 1 次；服务器响应后会立即发送。</translation>
    </message>
    <message>
        <source>Tried {count} times so far; it is sent as soon as the server answers.</source>
        <translation>已尝试 {count} 次；服务器响应后会立即发送。</translation>
    </message>
    <message>
        <source>The server refused this event — tell the manager if it happens again.</source>
        <translation>服务器拒绝了此记录——如果再次出现，请告知店长。</translation>
    </message>
    <message>
        <source>{words} It was not counted on the card.</source>
        <translation>{words}该记录未计入卡中。</translation>
    </message>
    <message>
        <source>{text} (server code {code}, {message})</source>
        <translation>{text}（服务器代码 {code}，{message}）</translation>
    </message>
    <message>
        <source>{text} (server code {code})</source>
        <translation>{text}（服务器代码 {code}）</translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation>待发送 {count}</translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation>已发送 {count}</translation>
    </message>
    <message>
        <source>{count} refused</source>
        <translation>被拒 {count}</translation>
    </message>
    <message>
        <source>{count} held</source>
        <translation>待审核 {count}</translation>
    </message>
    <message>
        <source>Online — new events are sent to the server within seconds.</source>
        <translation>在线——新记录会在几秒内发送到服务器。</translation>
    </message>
    <message>
        <source>No server is set up — events are kept on this terminal.</source>
        <translation>未设置服务器——记录保存在本终端。</translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials — nothing is sent until a manager corrects the API key or terminal token.</source>
        <translation>服务器拒绝本终端的凭据——店长更正 API 密钥或终端令牌之前不会发送任何内容。</translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Events are kept here; the next try is soon, or press Sync now.</source>
        <translation>离线——无法连接服务器。记录保存在本终端；即将重试，或按“立即同步”。</translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Events are kept here; the next try is in about {seconds} s, or press Sync now.</source>
        <translation>离线——无法连接服务器。记录保存在本终端；约 {seconds} 秒后重试，或按“立即同步”。</translation>
    </message>
    <message>
        <source>Last successful sync: never</source>
        <translation>上次成功同步：从未</translation>
    </message>
    <message>
        <source>Last successful sync: {time}</source>
        <translation>上次成功同步：{time}</translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message>
        <source>Sync and events</source>
        <translation>同步与记录</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>No events here yet.</source>
        <translation>暂无记录。</translation>
    </message>
    <message>
        <source>No server is set up, so there is nowhere to send the events.</source>
        <translation>未设置服务器，记录无处发送。</translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials — a manager must correct the API key or terminal token before anything can be sent.</source>
        <translation>服务器拒绝本终端的凭据——店长必须更正 API 密钥或终端令牌后才能发送。</translation>
    </message>
    <message>
        <source>Sending now…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <source>The sync did not get through: the credentials are refused.</source>
        <translation>同步失败：凭据被拒绝。</translation>
    </message>
    <message>
        <source>Not sent yet: the server cannot be reached. The events are kept.</source>
        <translation>尚未发送：无法连接服务器。记录已保留。</translation>
    </message>
    <message>
        <source>Release {event} so it is sent to the server</source>
        <translation>放行{event}，发送到服务器</translation>
    </message>
    <message>
        <source>Decline {event}</source>
        <translation>驳回{event}</translation>
    </message>
    <message>
        <source>Decline the held event</source>
        <translation>驳回待审核的记录</translation>
    </message>
    <message>
        <source>Released — it is sent once a server is set up.</source>
        <translation>已放行——设置服务器后发送。</translation>
    </message>
    <message>
        <source>Released — it is sent to the server with this sync.</source>
        <translation>已放行——将在本次同步中发送到服务器。</translation>
    </message>
    <message>
        <source>Declined — it will not be sent; the reason is kept with it.</source>
        <translation>已驳回——不会发送；原因已随记录保存。</translation>
    </message>
    <message>
        <source>The events could not be read or changed — try again; if it keeps happening, restart the terminal.</source>
        <translation>无法读取或更改记录——请重试；如果问题持续，请重启终端。</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>FindCustomer</name>
    <message>
        <source>Type the customer&apos;s phone number, then press Search.</source>
        <translation>请输入顾客手机号，然后按“搜索”。</translation>
    </message>
    <message>
        <source>Type the card code from the customer&apos;s card page, then press Search.</source>
        <translation>请输入顾客卡片页面上的卡码，然后按“搜索”。</translation>
    </message>
    <message>
        <source>Type the customer&apos;s phone number first.</source>
        <translation>请先输入顾客手机号。</translation>
    </message>
    <message>
        <source>Type the card code first.</source>
        <translation>请先输入卡码。</translation>
    </message>
    <message>
        <source>This is not a card code — a card code has 32 digits and letters A to F in groups of 8-4-4-4-12, as on the customer&apos;s card page. Check it and enter it again.</source>
        <translation>这不是卡码——卡码由 32 位数字和字母 A 到 F 组成，按 8-4-4-4-12 分组，与顾客卡片页面上的一致。请检查后重新输入。</translation>
    </message>
    <message>
        <source>This looks like a phone number — choose Phone and search again.</source>
        <translation>这看起来是手机号——请选择“手机”后重新搜索。</translation>
    </message>
    <message>
        <source>The search failed and nothing was changed — try again; if it keeps happening, restart the terminal.</source>
        <translation>搜索失败，未作任何更改——请重试；如果问题持续，请重启终端。</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>查找顾客</translation>
    </message>
</context>
<context>
    <name>FindCustomerScreen</name>
    <message>
        <source>Find a customer</source>
        <translation>查找顾客</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>卡码</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>搜索中…</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Enter the manager PIN to leave kiosk mode.</source>
        <translation>请输入店长 PIN 以退出锁定模式。</translation>
    </message>
    <message>
        <source>Stamp terminal</source>
        <translation>集章终端</translation>
    </message>
    <message>
        <source>Loyalty stamps</source>
        <translation>会员集章</translation>
    </message>
    <message>
        <source>The reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>奖励已兑换</translation>
    </message>
    <message>
        <source>{reward} — enjoy!</source>
        <translation>{reward}——请享用！</translation>
    </message>
    <message>
        <source>1 stamp added</source>
        <translation>已添加 1 个印章</translation>
    </message>
    <message>
        <source>{count} stamps added</source>
        <translation>已添加 {count} 个印章</translation>
    </message>
    <message>
        <source>The card now has {stamps} of {total} stamps.</source>
        <translation>该卡现有 {stamps}/{total} 个印章。</translation>
    </message>
    <message>
        <source>Held for a manager to review.</source>
        <translation>已暂扣，待店长审核。</translation>
    </message>
    <message>
        <source>This scan was not counted.</source>
        <translation>本次扫码未计入。</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was counted — scan the card again; if it keeps happening, restart the terminal.</source>
        <translation>出错了，未计入任何内容——请重新扫卡；如果问题持续，请重启终端。</translation>
    </message>
</context>
<context>
    <name>PinGate</name>
    <message>
        <source>Checking the PIN…</source>
        <translation>正在验证 PIN…</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>验证中…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Enter the manager PIN</source>
        <translation>请输入店长 PIN</translation>
    </message>
</context>
<context>
    <name>ReadyScreen</name>
    <message>
        <source>Scan your QR code or tap your card</source>
        <translation>请出示二维码或刷卡</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>error</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>{device}: {status}</source>
        <translation>{device}：{status}</translation>
    </message>
</context>
<context>
    <name>RedeemConfirmScreen</name>
    <message>
        <source>Redeem now</source>
        <translation>立即兑换</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>this reward</source>
        <translation>该奖励</translation>
    </message>
    <message>
        <source>Redeem “{reward}” for this customer?</source>
        <translation>为该顾客兑换“{reward}”？</translation>
    </message>
</context>
<context>
    <name>RewardPanels</name>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>{reward} · until {date}</source>
        <translation>{reward} · 有效期至 {date}</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>盖章</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>奖励已兑换</translation>
    </message>
    <message>
        <source>Stamp removed</source>
        <translation>印章已撤销</translation>
    </message>
    <message>
        <source>Reward removed</source>
        <translation>奖励已撤销</translation>
    </message>
    <message>
        <source>A reward</source>
        <translation>一份奖励</translation>
    </message>
    <message>
        <source>The customer can redeem it on their next visit.</source>
        <translation>顾客可在下次到店时兑换。</translation>
    </message>
    <message>
        <source>{reward}!</source>
        <translation>{reward}！</translation>
    </message>
</context>
<context>
    <name>RewardsPanel</name>
    <message>
        <source>Rewards available</source>
        <translation>可用奖励</translation>
    </message>
    <message>
        <source>No rewards available yet</source>
        <translation>暂无可用奖励</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Server address: type the whole address with http:// or https://, e.g. https://stamps.example.com.</source>
        <translation>服务器地址：请输入以 http:// 或 https:// 开头的完整地址，例如 https://stamps.example.com。</translation>
    </message>
    <message>
        <source>{label}: type a whole number from {minimum} to {maximum}, e.g. {example}.</source>
        <translation>{label}：请输入 {minimum} 到 {maximum} 之间的整数，例如 {example}。</translation>
    </message>
    <message>
        <source>{label}: type a number of seconds from {minimum} to {maximum}, e.g. {example}.</source>
        <translation>{label}：请输入 {minimum} 到 {maximum} 之间的秒数，例如 {example}。</translation>
    </message>
    <message>
        <source>{label}: choose one of the values offered.</source>
        <translation>{label}：请从提供的选项中选择一项。</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>e.g. https://stamps.example.com</source>
        <translation>例如 https://stamps.example.com</translation>
    </message>
    <message>
        <source>server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>The merchant&apos;s API key.</source>
        <translation>商户的 API 密钥。</translation>
    </message>
    <message>
        <source>Terminal token</source>
        <translation>终端令牌</translation>
    </message>
    <message>
        <source>This terminal&apos;s bearer token.</source>
        <translation>本终端的 Bearer 令牌。</translation>
    </message>
    <message>
        <source>terminal token</source>
        <translation>终端令牌</translation>
    </message>
    <message>
        <source>App id</source>
        <translation>AppID</translation>
    </message>
    <message>
        <source>The merchant&apos;s app id, for registering members.</source>
        <translation>商户的 AppID，用于注册会员。</translation>
    </message>
    <message>
        <source>app id</source>
        <translation>AppID</translation>
    </message>
    <message>
        <source>App secret</source>
        <translation>AppSecret</translation>
    </message>
    <message>
        <source>The app&apos;s secret that signs member registrations.</source>
        <translation>应用的 AppSecret，用于为会员注册签名。</translation>
    </message>
    <message>
        <source>app secret</source>
        <translation>AppSecret</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>NFC reader</source>
        <translation>NFC 读卡器</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>barcode scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Same card again within (seconds)</source>
        <translation>同卡重复识别间隔（秒）</translation>
    </message>
    <message>
        <source>The same card again within this time gives no new event.</source>
        <translation>在此时间内再次出示同一张卡，不会产生新记录。</translation>
    </message>
    <message>
        <source>Most stamps per purchase</source>
        <translation>单次消费最多印章数</translation>
    </message>
    <message>
        <source>Most stamps the cashier may give in one purchase.</source>
        <translation>收银员单次消费最多可给的印章数。</translation>
    </message>
    <message>
        <source>Least time between visits (seconds)</source>
        <translation>两次到店最短间隔（秒）</translation>
    </message>
    <message>
        <source>Least time between two visits of one card (0: off).</source>
        <translation>同一张卡两次到店的最短间隔（0：关闭）。</translation>
    </message>
    <message>
        <source>0 (off) or 600</source>
        <translation>0（关闭）或 600</translation>
    </message>
    <message>
        <source>Most stamps per card and day</source>
        <translation>每卡每日最多印章数</translation>
    </message>
    <message>
        <source>Most stamps per card per day (0: off).</source>
        <translation>每张卡每天最多可获得的印章数（0：关闭）。</translation>
    </message>
    <message>
        <source>0 (off) or 5</source>
        <translation>0（关闭）或 5</translation>
    </message>
    <message>
        <source>When a visit breaks a limit</source>
        <translation>到店超出限制时</translation>
    </message>
    <message>
        <source>Review keeps the stamps, held until a manager releases them on the Events screen.</source>
        <translation>“留待审核”会保留印章，暂扣至店长在“记录”页面放行。</translation>
    </message>
    <message>
        <source>Refuse it</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Hold for review</source>
        <translation>留待审核</translation>
    </message>
    <message>
        <source>Rewards while offline</source>
        <translation>离线兑换</translation>
    </message>
    <message>
        <source>Allow one redemption per card while offline, until the next sync.</source>
        <translation>离线时每张卡可兑换一次，直到下次同步。</translation>
    </message>
    <message>
        <source>Signed card codes only</source>
        <translation>仅限签名卡码</translation>
    </message>
    <message>
        <source>Refuse card codes without a valid signature.</source>
        <translation>拒绝没有有效签名的卡码。</translation>
    </message>
    <message>
        <source>These policies do not fit together: {reason}</source>
        <translation>这些规则互相冲突：{reason}</translation>
    </message>
    <message>
        <source>Set by {variable} on this computer, which overrides the settings file — change it there.</source>
        <translation>由本机的 {variable} 设置，它会覆盖设置文件——请在那里修改。</translation>
    </message>
    <message>
        <source>Not saved: the settings file has a problem ({error}). Correct the file, or ask whoever set up the terminal. Nothing was changed.</source>
        <translation>未保存：设置文件有问题（{error}）。请更正该文件，或联系终端的安装人员。未作任何更改。</translation>
    </message>
    <message>
        <source>Not saved: the settings file {path} cannot be written ({reason}). Check that the disk is not full and that the kiosk may write there. Nothing was changed.</source>
        <translation>未保存：无法写入设置文件 {path}（{reason}）。请检查磁盘是否已满，以及终端程序是否有写入权限。未作任何更改。</translation>
    </message>
    <message>
        <source>Not saved: something went wrong. Try again; if it keeps happening, restart the kiosk.</source>
        <translation>未保存：出现问题。请重试；如果问题持续，请重启终端。</translation>
    </message>
    <message>
        <source>Nothing to save — no setting was changed.</source>
        <translation>没有需要保存的内容——未更改任何设置。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>The policies apply from the next scan.</source>
        <translation>规则将从下次扫码起生效。</translation>
    </message>
    <message>
        <source>The language is now {language}.</source>
        <translation>语言已切换为{language}。</translation>
    </message>
    <message>
        <source>{language} is not installed on this terminal yet, so the screens stay in English.</source>
        <translation>本终端尚未安装{language}，界面仍显示英文。</translation>
    </message>
    <message>
        <source>Restart the kiosk to use the new {settings} (leave it with Ctrl+Shift+Q and the manager PIN, then start it again).</source>
        <translation>重启终端后新的{settings}才会生效（按 Ctrl+Shift+Q 并输入店长 PIN 退出，然后重新启动）。</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first}和{last}</translation>
    </message>
</context>
<context>
    <name>SettingsDevices</name>
    <message>
        <source>Working</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>Not used.</source>
        <translation>未使用。</translation>
    </message>
    <message>
        <source>No state yet: this kiosk has not opened this device.</source>
        <translation>暂无状态：终端尚未打开此设备。</translation>
    </message>
    <message>
        <source>{state} — {message}</source>
        <translation>{state}——{message}</translation>
    </message>
    <message>
        <source>{state}.</source>
        <translation>{state}。</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Open the settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <source>Saved — used when the kiosk is started again.</source>
        <translation>已保存——重启终端后生效。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>测试中…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Changes here are used when the kiosk is started again.</source>
        <translation>此处的更改在终端重启后生效。</translation>
    </message>
    <message>
        <source>Changes here apply from the next scan.</source>
        <translation>此处的更改从下次扫码起生效。</translation>
    </message>
    <message>
        <source>Now: {state}</source>
        <translation>当前：{state}</translation>
    </message>
    <message>
        <source>Not saved. {problem}</source>
        <translation>未保存。{problem}</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <source>Some changes are not saved. Press Save to keep them, or Back again to leave without them.</source>
        <translation>部分更改尚未保存。按“保存”保留更改，或再按“返回”放弃更改并离开。</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>{count} scan(s) waiting to be sent.</source>
        <translation>{count} 条扫码记录待发送。</translation>
    </message>
    <message>
        <source>Needs attention: credentials</source>
        <translation>需处理：凭据</translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials: nothing is sent until a manager corrects them in Settings.</source>
        <translation>服务器拒绝本终端的凭据：店长在“设置”中更正之前，不会发送任何内容。</translation>
    </message>
    <message>
        <source>Needs attention: {count} to review</source>
        <translation>需处理：{count} 条待审核</translation>
    </message>
    <message>
        <source>{count} event(s) were refused or held for review: see Events.</source>
        <translation>{count} 条记录被拒或待审核：请查看“记录”。</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Online · sending {count}</source>
        <translation>在线 · 正在发送 {count}</translation>
    </message>
    <message>
        <source>Connected to the server.</source>
        <translation>已连接服务器。</translation>
    </message>
    <message>
        <source>No server · {count} pending</source>
        <translation>无服务器 · {count} 条待发送</translation>
    </message>
    <message>
        <source>No server is set up: scans are kept on this terminal.</source>
        <translation>未设置服务器：扫码记录保存在本终端。</translation>
    </message>
    <message>
        <source>Offline · {count} pending</source>
        <translation>离线 · {count} 条待发送</translation>
    </message>
    <message>
        <source>The server cannot be reached: scans are kept and sent when it is back.</source>
        <translation>无法连接服务器：扫码记录已保存，恢复连接后发送。</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>退格</translation>
    </message>
</context>
<context>
    <name>VisitsPanel</name>
    <message>
        <source>Last visits</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>No visits here yet</source>
        <translation>暂无到店记录</translation>
    </message>
</context>
</TS>
