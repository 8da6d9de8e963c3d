#!/usr/bin/env bash
# Realm set-up after the import of keycloak/realm/sihha-realm.json: the fine-grained admin permissions (v2) that let
# each provider's server manage its own staff and nobody else, created through the Admin API (permissions imported
# with the realm file are unreliable in Keycloak 26.4), then the realm is enabled. The realm is imported disabled, so
# nothing gets a token from it, and nothing that waits for its discovery document goes on, before this has run.
# Idempotent: what exists is updated, nothing is duplicated; run it again at will.
#
#   keycloak/setup-permissions.sh KEYCLOAK_URL ADMIN_USER ADMIN_PASSWORD [REALM]
#
# KEYCLOAK_URL is the server's base (http://127.0.0.1:8180); the admin is the master realm's bootstrap admin. It
# waits (SIHHA_SETUP_TIMEOUT seconds, 600 by default) for Keycloak and the imported realm. Needs curl and jq.
#
# Per provider P (a client with a service account and the client role P/staff-admin, see the realm):
#   role policy   "sihha: P's service account"     = holders of the client role P/staff-admin (its service account)
#   Groups perm.  "sihha: P manages its staff"     = view-members, manage-members, manage-membership on /facilities/P
# and once for all:
#   Roles perm.   "sihha: providers map clinical roles" = map-role on physician, nurse, pharmacist, lab-technician,
#                                                    facility-admin, for any provider's policy (AFFIRMATIVE: one
#                                                    permission per provider would deny, since a permission on a
#                                                    resource whose policy does not grant denies it)
#   policy        "sihha: a facility's own staff"  = type sihha-facility-staff (keycloak-extension): the admin is the
#                                                    service account of a client of facility F, the user is in F's group
#   Users perm.   "sihha: roles of a facility's own staff" = map-roles on users, with that policy alone
set -euo pipefail

URL=${1:?usage: setup-permissions.sh KEYCLOAK_URL ADMIN_USER ADMIN_PASSWORD [REALM]}
ADMIN_USER=${2:?admin user}
ADMIN_PASSWORD=${3:?admin password}
REALM=${4:-sihha}
TIMEOUT=${SIHHA_SETUP_TIMEOUT:-600}
PROVIDERS=(provider-a provider-b)
CLINICAL_ROLES=(physician nurse pharmacist lab-technician facility-admin)

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "setup-permissions: $tool is needed (apt-get install $tool)" >&2; exit 2; }
done

say() { printf '[setup-permissions] %s\n' "$*" >&2; }

TOKEN=
admin_token() {
  TOKEN=$(curl -sf -m 10 "$URL/realms/master/protocol/openid-connect/token" -d grant_type=password \
    -d client_id=admin-cli --data-urlencode "username=$ADMIN_USER" --data-urlencode "password=$ADMIN_PASSWORD" |
    jq -r '.access_token // empty') && [[ -n $TOKEN ]]
}

# api METHOD PATH [JSON]: the Admin API's answer on stdout; fails on an HTTP error, printing it
api() {
  local method=$1 path=$2 body=${3:-} out status
  local args=(-s -m 30 -X "$method" -H "Authorization: Bearer $TOKEN" -w '\n%{http_code}')
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  out=$(curl "${args[@]}" "$URL/admin/realms/$REALM$path")
  status=${out##*$'\n'}
  out=${out%$'\n'*}
  if ((status >= 400)); then
    say "$method $path answered $status: $out"
    return 1
  fi
  printf '%s' "$out"
}

deadline=$((SECONDS + TIMEOUT))
until admin_token && curl -sf -m 10 -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL/admin/realms/$REALM"; do
  ((SECONDS < deadline)) || { say "no Keycloak admin API with realm $REALM at $URL after $TIMEOUT s"; exit 1; }
  sleep 2
done
say "realm $REALM at $URL: setting up admin permissions"

client_uuid() { api GET "/clients?clientId=$1" | jq -r --arg c "$1" '.[] | select(.clientId == $c) | .id'; }

APC=$(client_uuid admin-permissions)
[[ -n $APC ]] || { say "no admin-permissions client: the realm must set adminPermissionsEnabled"; exit 1; }
AUTHZ=/clients/$APC/authz/resource-server

# upsert KIND TYPE JSON: creates or updates the policy (KIND policy) or permission (KIND permission) named in JSON,
# of TYPE (role, sihha-facility-staff, scope); prints its id
upsert() {
  local kind=$1 type=$2 json=$3 name id
  name=$(jq -r .name <<<"$json")
  id=$(api GET "$AUTHZ/policy?name=$(jq -rn --arg n "$name" '$n | @uri')&max=100" |
    jq -r --arg n "$name" '[.[] | select(.name == $n)][0].id // empty')
  if [[ -n $id ]]; then
    api PUT "$AUTHZ/$kind/$type/$id" "$(jq --arg id "$id" '. + {id: $id}' <<<"$json")" >/dev/null
  else
    id=$(api POST "$AUTHZ/$kind/$type" "$json" | jq -r .id)
  fi
  printf '%s\n' "$id"
}

role_ids=()
for role in "${CLINICAL_ROLES[@]}"; do
  role_ids+=("$(api GET "/roles/$role" | jq -r .id)")
done
roles_json=$(printf '%s\n' "${role_ids[@]}" | jq -R . | jq -s .)

provider_policies=()
for provider in "${PROVIDERS[@]}"; do
  uuid=$(client_uuid "$provider")
  staff_admin=$(api GET "/clients/$uuid/roles/staff-admin" | jq -r .id)
  group=$(api GET "/group-by-path/facilities/$provider" | jq -r .id)
  policy=$(upsert policy role "$(jq -n --arg name "sihha: $provider's service account" --arg role "$staff_admin" '{
    name: $name, logic: "POSITIVE", fetchRoles: false,
    description: "holders of the client role staff-admin of its client: its service account only",
    roles: [{id: $role, required: false}]}')")
  upsert permission scope "$(jq -n --arg name "sihha: $provider manages its staff" --arg group "$group" \
    --arg policy "$policy" '{name: $name, resourceType: "Groups", resources: [$group],
    scopes: ["view-members", "manage-members", "manage-membership"], policies: [$policy],
    decisionStrategy: "UNANIMOUS",
    description: "its server lists, creates (in this group), updates, disables and deletes the facility'"'"'s staff"}')" \
    >/dev/null
  provider_policies+=("$policy")
  say "$provider: its staff group"
done

upsert permission scope "$(jq -n --argjson roles "$roles_json" \
  --argjson policies "$(printf '%s\n' "${provider_policies[@]}" | jq -R . | jq -s .)" '{
  name: "sihha: providers map clinical roles", resourceType: "Roles", resources: $roles, scopes: ["map-role"],
  policies: $policies, decisionStrategy: "AFFIRMATIVE",
  description: "the clinical roles only: never system, break-glass, ministry or realm-management roles"}')" >/dev/null
say "the clinical roles"

own_staff=$(upsert policy sihha-facility-staff '{"name": "sihha: a facility'"'"'s own staff", "logic": "POSITIVE",
  "description": "the admin is the service account of a client of facility F, the user a person of F"}')
upsert permission scope "$(jq -n --arg policy "$own_staff" '{name: "sihha: roles of a facility'"'"'s own staff",
  resourceType: "Users", resources: [], scopes: ["map-roles"], policies: [$policy], decisionStrategy: "UNANIMOUS",
  description: "map-roles is not scoped by group permissions: this policy confines it to the facility'"'"'s people"}')" \
  >/dev/null
say "map-roles confined to each facility's own staff"

api PUT "" '{"enabled": true}' >/dev/null
say "realm $REALM enabled"
