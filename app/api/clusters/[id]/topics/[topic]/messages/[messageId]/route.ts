import { consoleRocketmq } from "@/lib/console/client";
import { messageDetail } from "@/lib/console/messages";
import { messageParams } from "@/lib/console/schema";
import { hasRole } from "@/lib/auth/roles";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** One message by offset id or unique id: properties and metadata; the body for operators and admins only. */
export const GET = route({ role: "viewer", params: messageParams }, async ({ user, params }) =>
  messageDetail(consoleRocketmq(), params.id, params.topic, params.messageId, { withBody: hasRole(user.role, "operator") }),
);
