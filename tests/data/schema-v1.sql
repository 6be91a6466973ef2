-- A database as version 1 of the schema made it (commit 5cfea91), seeded from the
-- fixtures of that time: the starting point of tests/test_migrations.py.
BEGIN;
CREATE TABLE "claim" ("id" INTEGER NOT NULL PRIMARY KEY, "document_id" VARCHAR(120) NOT NULL, "speaker_id" VARCHAR(120), "attribution" VARCHAR(24) NOT NULL, "subject" TEXT, "value" NUMERIC NOT NULL, "unit" VARCHAR(32) NOT NULL, "kind" VARCHAR(16) NOT NULL, "qualifier" VARCHAR(16) NOT NULL, "stated_as" TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, "sentence_start" INTEGER NOT NULL, "sentence_end" INTEGER NOT NULL, "sentence" TEXT NOT NULL, "quote_prefix" TEXT NOT NULL, "quote_suffix" TEXT NOT NULL, "restates_id" INTEGER, "published" DATE NOT NULL, "status" VARCHAR(16) NOT NULL, "status_reason" TEXT, "confidence" REAL, "version" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("document_id") REFERENCES "document" ("id"), FOREIGN KEY ("speaker_id") REFERENCES "speaker" ("id"), FOREIGN KEY ("restates_id") REFERENCES "claim" ("id"));
CREATE VIRTUAL TABLE claim_search USING fts5(grams, tokenize = 'unicode61 remove_diacritics 0');
CREATE TABLE "claim_version" ("id" INTEGER NOT NULL PRIMARY KEY, "claim_id" INTEGER NOT NULL, "version" INTEGER NOT NULL, "data" TEXT NOT NULL, "changed_by" TEXT NOT NULL, "changed_at" DATETIME NOT NULL, "reason" TEXT NOT NULL, FOREIGN KEY ("claim_id") REFERENCES "claim" ("id"));
CREATE TABLE "document" ("id" VARCHAR(120) NOT NULL PRIMARY KEY, "title" TEXT NOT NULL, "outlet" TEXT, "url" TEXT, "author" TEXT, "published" DATE NOT NULL, "language" VARCHAR(8) NOT NULL, "text" TEXT NOT NULL, "text_sha256" VARCHAR(64) NOT NULL, "supersedes_id" VARCHAR(120), "created_at" DATETIME NOT NULL, FOREIGN KEY ("supersedes_id") REFERENCES "document" ("id"));
CREATE TABLE "speaker" ("id" VARCHAR(120) NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "name_en" TEXT, "kind" VARCHAR(16) NOT NULL, "role" TEXT, "organization" TEXT, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL);
CREATE TABLE "speaker_alias" ("speaker_id" VARCHAR(120) NOT NULL, "alias" TEXT NOT NULL, "position" INTEGER NOT NULL, PRIMARY KEY ("speaker_id", "alias"), FOREIGN KEY ("speaker_id") REFERENCES "speaker" ("id") ON DELETE CASCADE);
CREATE INDEX "claim_document_id" ON "claim" ("document_id");
CREATE INDEX "claim_restates_id" ON "claim" ("restates_id");
CREATE INDEX "claim_speaker_id" ON "claim" ("speaker_id");
CREATE INDEX "claim_status_document_id_id" ON "claim" ("status", "document_id", "id");
CREATE INDEX "claim_status_id" ON "claim" ("status", "id");
CREATE INDEX "claim_status_kind_id" ON "claim" ("status", "kind", "id");
CREATE INDEX "claim_status_published_id" ON "claim" ("status", "published", "id");
CREATE INDEX "claim_status_speaker_id_id" ON "claim" ("status", "speaker_id", "id");
CREATE INDEX "claim_status_unit_value_id" ON "claim" ("status", "unit", "value", "id");
CREATE INDEX "claim_status_value_id" ON "claim" ("status", "value", "id");
CREATE INDEX "claim_version_claim_id" ON "claim_version" ("claim_id");
CREATE UNIQUE INDEX "claim_version_claim_id_version" ON "claim_version" ("claim_id", "version");
CREATE INDEX "document_published" ON "document" ("published");
CREATE INDEX "document_supersedes_id" ON "document" ("supersedes_id");
CREATE INDEX "speaker_alias_alias" ON "speaker_alias" ("alias");
CREATE INDEX "speaker_alias_speaker_id" ON "speaker_alias" ("speaker_id");
CREATE INDEX "speaker_name" ON "speaker" ("name");
CREATE INDEX "speaker_organization" ON "speaker" ("organization");
INSERT INTO "document" ("id", "title", "outlet", "url", "author", "published", "language", "text", "text_sha256", "supersedes_id", "created_at") VALUES ('joongang-2024-02-28-zuckerberg-seoul', 'AI 퍼즐 찾으러 온 저커버그…점심은 LG, 저녁은 삼성 이재용', '중앙일보', NULL, '김주원', '2024-02-28', 'ko', 'ADVERTISEMENT

AI 퍼즐 찾으러 온 저커버그…점심은 LG, 저녁은 삼성 이재용

중앙일보

입력

업데이트

28일 서울 여의도 LG트윈타워에서 메타와 LG전자가 XR(확장현실) 사업 파트너십 강화를 위한 전략적 논의를 가졌다. 왼쪽부터 조주완 LG전자 CEO, 마크 저커버그 메타 CEO, 권봉석 (주)LG COO. 사진 LG전자

28일 서울 여의도 LG트윈타워에서 메타와 LG전자가 XR(확장현실) 사업 파트너십 강화를 위한 전략적 논의를 가졌다. 왼쪽부터 조주완 LG전자 CEO, 마크 저커버그 메타 CEO, 권봉석 (주)LG COO. 사진 LG전자

점심은 조주완 LG전자 CEO, 저녁은 이재용 삼성전자 회장, 티타임은 스타트업과.

10년 만에 방한한 마크 저커버그 메타(페이스북 운영사) 최고경영자(CEO)는 인공지능(AI)과 차세대 MR(가상현실) 시장의 동반자를 찾아 28일 숨가쁜 행보를 이어갔다. 메타가 계획하는 ‘AI + 메타버스’ 시대를 앞당길 퍼즐을 삼성·LG 손에서 얻겠다는 것.

저커버그, MR 헤드셋·안경 챙겨와 미공개 기술 시연

전날 밤 한국에 도착한 저커버그 CEO는 28일 서울 여의도 LG트윈타워에서 ㈜LG 권봉석 최고운영책임자(COO·부회장)와 조주완 LG전자 CEO, 박형세 LG전자 HE(TV)사업본부장과 오찬을 함께하며 MR 사업전략과 차세대 기기 개발을 논의했다. LG전자에 따르면, 저커버그 CEO는 조 사장을 위해 자사 MR 헤드셋 ‘퀘스트3’와 스마트안경 ‘레이밴 메타’를 직접 챙겨왔으며 미공개 기술도 시연했다.

조 사장은 오찬 이후 기자들과 만나 “저커버그 CEO와는 대면으로 처음이지만 화상으로 자주 만난 사이”라며 양사 합작으로 2025년 양산 목표인 MR 기기에 대해 “콘셉트는 잡았고 개발하고 있다”라고 말했다. 이날 “시장에 빠르게 내는 게 맞느냐, (좀 늦어도) 제대로 내는 게 맞느냐” 등 구체적인 논의까지 나눴다고도 한다.

메타의 MR 헤드셋 퀘스트3. 로이터=연합뉴스

메타의 MR 헤드셋 퀘스트3. 로이터=연합뉴스

양사는 메타의 AI와 LG전자 기기의 시너지 창출 가능성도 논의했다. 메타의 초거대 언어모델(LLM) 라마(LlaMa)는 오픈소스 AI 진영의 선두 주자다. 조 사장은 “메타의 AI 언어모델과 전 세계 5억 대 이상 깔린 LG전자 기기들을 어떻게 빨리 이을 수 있을지, 어떤 고객 경험을 혁신할 지 측면에서 보면 양사의 협력 범위는 굉장히 넓다”라고 강조했다.

메타 찾는 기기·부품·콘텐트, LG에 다 있다

이날 지주사의 권봉석 부회장도 저커버그와 만난 만큼, MR 기기 부품 등 LG 그룹 차원의 협력에도 눈길이 쏠린다. 애플의 MR 헤드셋 비전 프로에는 LG이노텍의 센싱 모듈과 LG디스플레이의 OLED(유기발광다이오드)가 외부 화면에 탑재됐다.

특히 메타는 LG전자의 콘텐트 사업에도 큰 관심을 보였다. 메타는 2016년부터 MR 기기를 출시했지만 즐길 만한 콘텐트가 부족하다는 지적을 받아왔다. LG전자는 2014년부터 스마트TV 플랫폼인 웹 OS를 육성해 콘텐트 사업을 TV 부문의 새 먹거리로 굳혔는데, 이날 동석한 박형세 본부장이 그 주역이다. 박 본부장은 이날 기자들에게 “LG전자가 2억 대 이상 TV를 팔아 (콘텐트) 모수가 크고 3500개 이상 콘텐트 업체와 함께 일한다는 것에 저커버그가 새삼 놀랐고, 콘텐트 협업에 대해 아주 긍정적으로 얘기했다”라고 말했다.

김주원 기자

김주원 기자

이재용 회장과 승지원 만찬, AI 협력 논의

이날 저커버그 CEO는 이재용 삼성전자 회장과 서울 한남동에 위치한 삼성 영빈관 승지원에서 비공개 만찬을 했다. 이 회장의 초청으로, 배우자인 프리실라 챈 챈-저커버그 이니셔티브(자선재단) 공동설립자도 동석한 것으로 알려졌다. 삼성은 가상현실 기기는 구글과 협력하는 만큼, 만찬 석상 주제는 양사의 AI 반도체 협력일 것으로 관측된다. 지난달 저커버그 CEO는 “일반인공지능(AGI)이 구축되고 널리 이용될 수 있도록 노력하고 있다”라며 이를 위한 AI 인프라·기기 필요성을 강조했다.

28일 마크 저커버그 메타 최고경영자(CEO)가 국내 스타트업 면담을 위해 서울 강남구 메타코리아로 들어서고 있다. 연합뉴스

28일 마크 저커버그 메타 최고경영자(CEO)가 국내 스타트업 면담을 위해 서울 강남구 메타코리아로 들어서고 있다. 연합뉴스

지난달 메타는 자체 개발한 AI 추론용 칩 ‘아르테미스’를 연내 자사 데이터센터에 탑재한다는 계획을 공개했고, 이를 위해 올해 역대 최대 규모 370억 달러(약 49조원) 설비투자(CAPEX)를 하겠단 계획을 내놨다. AI 칩 시장을 장악한 엔비디아 의존을 탈피하고 비용도 절감하기 위해 삼성전자와 협력할 가능성이 언급되는 배경이다.

저커버그 CEO는 29일 인도로 향하는데, 인도 억만장자 암바니 무케시의 막내아들 결혼 축하연에 참석하기 위해서다. 외신에 따르면 이재용 회장도 초청객 명단에 있는 만큼 두 사람이 인도에서 AI 협력 세부 논의를 이어갈 가능성도 거론된다.

한편, 저커버그 CEO는 이날 오후 서울 강남구 메타코리아 사무실에서 국내 AI·XR 스타트업 7개 사를 비공개로 만났다. 메타의 라마2를 미세조정해 AI 모델 ‘솔라(Solar)’를 개발한 업스테이지의 김성훈 대표에게는 “한국에서 라마2를 잘 쓰고 있냐’”라고 묻기도 했다.

ADVERTISEMENT
ADVERTISEMENT', 'd984bb994f376cd93be506c30fa8a86ba80360a0442dba93390160954eba1126', NULL, '2026-11-29 14:39:52');
INSERT INTO "speaker" ("id", "name", "name_en", "kind", "role", "organization", "created_at", "updated_at") VALUES ('jo-joo-wan', '조주완', 'Cho Joo-wan (William Cho)', 'person', 'CEO', 'LG전자', '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "speaker" ("id", "name", "name_en", "kind", "role", "organization", "created_at", "updated_at") VALUES ('park-hyoung-sei', '박형세', 'Park Hyoung-sei', 'person', 'HE(TV)사업본부장', 'LG전자', '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "speaker" ("id", "name", "name_en", "kind", "role", "organization", "created_at", "updated_at") VALUES ('meta', '메타', 'Meta Platforms', 'organization', NULL, NULL, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "speaker" ("id", "name", "name_en", "kind", "role", "organization", "created_at", "updated_at") VALUES ('mark-zuckerberg', '마크 저커버그', 'Mark Zuckerberg', 'person', 'CEO', '메타', '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "speaker" ("id", "name", "name_en", "kind", "role", "organization", "created_at", "updated_at") VALUES ('lg-electronics', 'LG전자', 'LG Electronics', 'organization', NULL, NULL, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('jo-joo-wan', '조 사장', 0);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('jo-joo-wan', '조주완 LG전자 CEO', 1);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('jo-joo-wan', 'William Cho', 2);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('park-hyoung-sei', '박 본부장', 0);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('park-hyoung-sei', '박형세 본부장', 1);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('meta', 'Meta', 0);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('meta', '메타플랫폼스', 1);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('mark-zuckerberg', '저커버그', 0);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('mark-zuckerberg', '저커버그 CEO', 1);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('mark-zuckerberg', 'Mark Zuckerberg', 2);
INSERT INTO "speaker_alias" ("speaker_id", "alias", "position") VALUES ('lg-electronics', 'LG Electronics', 0);
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (1, 'joongang-2024-02-28-zuckerberg-seoul', NULL, 'narration', '저커버그의 방한 간격', 10, 'years', 'duration', 'exact', '10년 만에', 368, 374, 368, 464, '10년 만에 방한한 마크 저커버그 메타(페이스북 운영사) 최고경영자(CEO)는 인공지능(AI)과 차세대 MR(가상현실) 시장의 동반자를 찾아 28일 숨가쁜 행보를 이어갔다.', ', 저녁은 이재용 삼성전자 회장, 티타임은 스타트업과.

', ' 방한한 마크 저커버그 메타(페이스북 운영사) 최고경영자(', NULL, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (2, 'joongang-2024-02-28-zuckerberg-seoul', NULL, 'narration', '메타·LG전자 합작 MR 기기 양산 목표 연도', 2025, 'year', 'date', 'exact', '2025년', 844, 849, 776, 892, '조 사장은 오찬 이후 기자들과 만나 “저커버그 CEO와는 대면으로 처음이지만 화상으로 자주 만난 사이”라며 양사 합작으로 2025년 양산 목표인 MR 기기에 대해 “콘셉트는 잡았고 개발하고 있다”라고 말했다.', ' 처음이지만 화상으로 자주 만난 사이”라며 양사 합작으로 ', ' 양산 목표인 MR 기기에 대해 “콘셉트는 잡았고 개발하고', NULL, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (3, 'joongang-2024-02-28-zuckerberg-seoul', 'jo-joo-wan', 'direct_quote', '전 세계에 깔린 LG전자 기기', 500000000, 'units', 'count', 'at_least', '5억 대 이상', 1127, 1134, 1102, 1215, '조 사장은 “메타의 AI 언어모델과 전 세계 5억 대 이상 깔린 LG전자 기기들을 어떻게 빨리 이을 수 있을지, 어떤 고객 경험을 혁신할 지 측면에서 보면 양사의 협력 범위는 굉장히 넓다”라고 강조했다.', '두 주자다. 조 사장은 “메타의 AI 언어모델과 전 세계 ', ' 깔린 LG전자 기기들을 어떻게 빨리 이을 수 있을지, 어', NULL, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (4, 'joongang-2024-02-28-zuckerberg-seoul', NULL, 'narration', '메타의 MR 기기 출시 시작 연도', 2016, 'year', 'date', 'since', '2016년부터', 1418, 1425, 1414, 1465, '메타는 2016년부터 MR 기기를 출시했지만 즐길 만한 콘텐트가 부족하다는 지적을 받아왔다.', '는 LG전자의 콘텐트 사업에도 큰 관심을 보였다. 메타는 ', ' MR 기기를 출시했지만 즐길 만한 콘텐트가 부족하다는 지', NULL, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (5, 'joongang-2024-02-28-zuckerberg-seoul', NULL, 'narration', 'LG전자의 웹 OS 육성 시작 연도', 2014, 'year', 'date', 'since', '2014년부터', 1472, 1479, 1466, 1552, 'LG전자는 2014년부터 스마트TV 플랫폼인 웹 OS를 육성해 콘텐트 사업을 TV 부문의 새 먹거리로 굳혔는데, 이날 동석한 박형세 본부장이 그 주역이다.', '길 만한 콘텐트가 부족하다는 지적을 받아왔다. LG전자는 ', ' 스마트TV 플랫폼인 웹 OS를 육성해 콘텐트 사업을 TV', NULL, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (6, 'joongang-2024-02-28-zuckerberg-seoul', 'park-hyoung-sei', 'direct_quote', 'LG전자가 판매한 TV', 200000000, 'units', 'count', 'at_least', '2억 대 이상', 1576, 1583, 1553, 1678, '박 본부장은 이날 기자들에게 “LG전자가 2억 대 이상 TV를 팔아 (콘텐트) 모수가 크고 3500개 이상 콘텐트 업체와 함께 일한다는 것에 저커버그가 새삼 놀랐고, 콘텐트 협업에 대해 아주 긍정적으로 얘기했다”라고 말했다.', ' 그 주역이다. 박 본부장은 이날 기자들에게 “LG전자가 ', ' TV를 팔아 (콘텐트) 모수가 크고 3500개 이상 콘텐', NULL, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (7, 'joongang-2024-02-28-zuckerberg-seoul', 'park-hyoung-sei', 'direct_quote', 'LG전자와 함께 일하는 콘텐트 업체', 3500, 'companies', 'count', 'at_least', '3500개 이상', 1604, 1612, 1553, 1678, '박 본부장은 이날 기자들에게 “LG전자가 2억 대 이상 TV를 팔아 (콘텐트) 모수가 크고 3500개 이상 콘텐트 업체와 함께 일한다는 것에 저커버그가 새삼 놀랐고, 콘텐트 협업에 대해 아주 긍정적으로 얘기했다”라고 말했다.', '전자가 2억 대 이상 TV를 팔아 (콘텐트) 모수가 크고 ', ' 콘텐트 업체와 함께 일한다는 것에 저커버그가 새삼 놀랐고', NULL, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (8, 'joongang-2024-02-28-zuckerberg-seoul', 'meta', 'indirect_quote', '메타의 올해 설비투자(CAPEX) 계획', 37000000000, 'USD', 'money', 'exact', '370억 달러', 2217, 2224, 2137, 2258, '지난달 메타는 자체 개발한 AI 추론용 칩 ‘아르테미스’를 연내 자사 데이터센터에 탑재한다는 계획을 공개했고, 이를 위해 올해 역대 최대 규모 370억 달러(약 49조원) 설비투자(CAPEX)를 하겠단 계획을 내놨다.', '한다는 계획을 공개했고, 이를 위해 올해 역대 최대 규모 ', '(약 49조원) 설비투자(CAPEX)를 하겠단 계획을 내놨', NULL, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (9, 'joongang-2024-02-28-zuckerberg-seoul', 'meta', 'indirect_quote', '메타의 올해 설비투자(CAPEX) 계획 (원화 환산)', 49000000000000, 'KRW', 'money', 'approx', '약 49조원', 2225, 2231, 2137, 2258, '지난달 메타는 자체 개발한 AI 추론용 칩 ‘아르테미스’를 연내 자사 데이터센터에 탑재한다는 계획을 공개했고, 이를 위해 올해 역대 최대 규모 370억 달러(약 49조원) 설비투자(CAPEX)를 하겠단 계획을 내놨다.', '공개했고, 이를 위해 올해 역대 최대 규모 370억 달러(', ') 설비투자(CAPEX)를 하겠단 계획을 내놨다. AI 칩', 8, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim" ("id", "document_id", "speaker_id", "attribution", "subject", "value", "unit", "kind", "qualifier", "stated_as", "start", "end", "sentence_start", "sentence_end", "sentence", "quote_prefix", "quote_suffix", "restates_id", "published", "status", "status_reason", "confidence", "version", "created_at", "updated_at") VALUES (10, 'joongang-2024-02-28-zuckerberg-seoul', NULL, 'narration', '저커버그가 만난 국내 AI·XR 스타트업', 7, 'companies', 'count', 'exact', '7개 사', 2513, 2517, 2460, 2528, '한편, 저커버그 CEO는 이날 오후 서울 강남구 메타코리아 사무실에서 국내 AI·XR 스타트업 7개 사를 비공개로 만났다.', '울 강남구 메타코리아 사무실에서 국내 AI·XR 스타트업 ', '를 비공개로 만났다. 메타의 라마2를 미세조정해 AI 모델', NULL, '2024-02-28', 'active', NULL, NULL, 1, '2026-11-29 14:39:52', '2026-11-29 14:39:52');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (1, 1, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": null, "attribution": "narration", "subject": "저커버그의 방한 간격", "value": 10, "unit": "years", "kind": "duration", "qualifier": "exact", "stated_as": "10년 만에", "start": 368, "end": 374, "sentence_start": 368, "sentence_end": 464, "restates": null, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (2, 2, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": null, "attribution": "narration", "subject": "메타·LG전자 합작 MR 기기 양산 목표 연도", "value": 2025, "unit": "year", "kind": "date", "qualifier": "exact", "stated_as": "2025년", "start": 844, "end": 849, "sentence_start": 776, "sentence_end": 892, "restates": null, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (3, 3, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": "jo-joo-wan", "attribution": "direct_quote", "subject": "전 세계에 깔린 LG전자 기기", "value": 500000000, "unit": "units", "kind": "count", "qualifier": "at_least", "stated_as": "5억 대 이상", "start": 1127, "end": 1134, "sentence_start": 1102, "sentence_end": 1215, "restates": null, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (4, 4, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": null, "attribution": "narration", "subject": "메타의 MR 기기 출시 시작 연도", "value": 2016, "unit": "year", "kind": "date", "qualifier": "since", "stated_as": "2016년부터", "start": 1418, "end": 1425, "sentence_start": 1414, "sentence_end": 1465, "restates": null, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (5, 5, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": null, "attribution": "narration", "subject": "LG전자의 웹 OS 육성 시작 연도", "value": 2014, "unit": "year", "kind": "date", "qualifier": "since", "stated_as": "2014년부터", "start": 1472, "end": 1479, "sentence_start": 1466, "sentence_end": 1552, "restates": null, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (6, 6, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": "park-hyoung-sei", "attribution": "direct_quote", "subject": "LG전자가 판매한 TV", "value": 200000000, "unit": "units", "kind": "count", "qualifier": "at_least", "stated_as": "2억 대 이상", "start": 1576, "end": 1583, "sentence_start": 1553, "sentence_end": 1678, "restates": null, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (7, 7, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": "park-hyoung-sei", "attribution": "direct_quote", "subject": "LG전자와 함께 일하는 콘텐트 업체", "value": 3500, "unit": "companies", "kind": "count", "qualifier": "at_least", "stated_as": "3500개 이상", "start": 1604, "end": 1612, "sentence_start": 1553, "sentence_end": 1678, "restates": null, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (8, 8, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": "meta", "attribution": "indirect_quote", "subject": "메타의 올해 설비투자(CAPEX) 계획", "value": 37000000000, "unit": "USD", "kind": "money", "qualifier": "exact", "stated_as": "370억 달러", "start": 2217, "end": 2224, "sentence_start": 2137, "sentence_end": 2258, "restates": null, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (9, 9, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": "meta", "attribution": "indirect_quote", "subject": "메타의 올해 설비투자(CAPEX) 계획 (원화 환산)", "value": 49000000000000, "unit": "KRW", "kind": "money", "qualifier": "approx", "stated_as": "약 49조원", "start": 2225, "end": 2231, "sentence_start": 2137, "sentence_end": 2258, "restates": 8, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
INSERT INTO "claim_version" ("id", "claim_id", "version", "data", "changed_by", "changed_at", "reason") VALUES (10, 10, 1, '{"document": "joongang-2024-02-28-zuckerberg-seoul", "speaker": null, "attribution": "narration", "subject": "저커버그가 만난 국내 AI·XR 스타트업", "value": 7, "unit": "companies", "kind": "count", "qualifier": "exact", "stated_as": "7개 사", "start": 2513, "end": 2517, "sentence_start": 2460, "sentence_end": 2528, "restates": null, "status": "active", "status_reason": null, "confidence": null}', 'fixtures', '2026-11-29 14:39:52', 'seeded from fixtures');
COMMIT;
