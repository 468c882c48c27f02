export { default, generateMetadata } from '../../../../topics/[topic]/page';
