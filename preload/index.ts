import { contract } from "./contract"; console.log(Object.keys(contract))
