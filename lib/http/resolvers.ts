// Importing a resolver registers it with lib/http/authenticate. New bearer credential kinds are added here.
import "@/lib/keys/key-bearer-resolver";
import "@/lib/oauth/token-bearer-resolver";
