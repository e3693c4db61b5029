import { contract } from "../../preload/contract"; document.body.append(String(Object.keys(contract).length))
